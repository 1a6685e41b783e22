package dev.mcpsecrets.onepassword.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One Connect server and token: finds vaults and items by title or ID, caching the IDs (never item
 * contents), and fetches whole items. Endpoints as in Connect's API reference: {@code GET /v1/vaults},
 * {@code GET /v1/vaults/{vault}/items?filter=title eq "..."}, {@code GET /v1/vaults/{vault}/items/{item}}.
 */
final class ConnectSession {
    /** Connect's vault and item IDs: 26 lowercase letters and digits. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]{26}");
    /** What an ID from the server may contain before it is put in a request path. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Duration ID_TTL = Duration.ofMinutes(5);

    private record Cached(String id, long expiresNanos) {
    }

    private final ConnectHttp http;
    private final Map<String, Cached> vaultIds = new ConcurrentHashMap<>();
    private final Map<String, Cached> itemIds = new ConcurrentHashMap<>();

    ConnectSession(ConnectHttp http) {
        this.http = http;
    }

    ConnectHttp http() {
        return http;
    }

    /**
     * Fetches the item a reference points to (one request once the IDs are cached).
     *
     * @param ref the reference (vault and item are used)
     * @param what the reference(s), for messages
     * @param ctx the deadline
     * @return the item JSON
     * @throws SecretException NOT_FOUND, MALFORMED (ambiguous names) or the transport's failure
     */
    JsonNode item(OpReference ref, String what, ResolveContext ctx) throws SecretException {
        String vaultId = vaultId(ref.vault(), what, ctx);
        String key = vaultId + "/" + ref.item().toLowerCase(Locale.ROOT);
        String itemId = fresh(itemIds, key);
        if (itemId == null && ID.matcher(ref.item()).matches()) {
            ConnectHttp.Answer direct = http.get(itemPath(vaultId, ref.item()), what, ctx);
            if (direct.found()) {
                itemIds.put(key, new Cached(ref.item(), System.nanoTime() + ID_TTL.toNanos()));
                return direct.json();
            }
        }
        if (itemId == null) {
            itemId = lookupItem(vaultId, ref, what, ctx);
            itemIds.put(key, new Cached(itemId, System.nanoTime() + ID_TTL.toNanos()));
        }
        ConnectHttp.Answer answer = http.get(itemPath(vaultId, itemId), what, ctx);
        if (!answer.found()) {
            itemIds.remove(key);
            throw new SecretException(Reason.NOT_FOUND, what, "item '" + ref.item() + "' is no longer in vault '"
                    + ref.vault() + "'");
        }
        return answer.json();
    }

    private String vaultId(String vault, String what, ResolveContext ctx) throws SecretException {
        String key = vault.toLowerCase(Locale.ROOT);
        String id = fresh(vaultIds, key);
        if (id != null) {
            return id;
        }
        ConnectHttp.Answer answer = http.get("/v1/vaults", what, ctx);
        List<String> matches = new ArrayList<>();
        if (answer.found() && answer.json().isArray()) {
            for (JsonNode v : answer.json()) {
                String vid = v.path("id").asText("");
                if (vid.equals(vault) || v.path("name").asText("").equalsIgnoreCase(vault)) {
                    matches.add(vid);
                }
            }
        }
        if (matches.isEmpty()) {
            throw new SecretException(Reason.NOT_FOUND, what, "no vault named '" + vault
                    + "' is visible to the Connect token");
        }
        if (matches.size() > 1 && !matches.contains(vault)) {
            throw new SecretException(Reason.MALFORMED, what, matches.size() + " vaults are named '" + vault
                    + "'; refer to the vault by its ID");
        }
        String chosen = safeId(matches.contains(vault) ? vault : matches.get(0), what);
        vaultIds.put(key, new Cached(chosen, System.nanoTime() + ID_TTL.toNanos()));
        return chosen;
    }

    private String lookupItem(String vaultId, OpReference ref, String what, ResolveContext ctx) throws SecretException {
        String filter = URLEncoder.encode("title eq \"" + ref.item() + "\"", StandardCharsets.UTF_8).replace("+", "%20");
        ConnectHttp.Answer answer = http.get("/v1/vaults/" + vaultId + "/items?filter=" + filter, what, ctx);
        List<String> matches = new ArrayList<>();
        if (answer.found() && answer.json().isArray()) {
            for (JsonNode i : answer.json()) {
                if (i.path("title").asText("").equalsIgnoreCase(ref.item())) {
                    matches.add(i.path("id").asText(""));
                }
            }
        }
        if (matches.isEmpty()) {
            throw new SecretException(Reason.NOT_FOUND, what, "no item titled '" + ref.item() + "' in vault '"
                    + ref.vault() + "'");
        }
        if (matches.size() > 1) {
            throw new SecretException(Reason.MALFORMED, what, matches.size() + " items are titled '" + ref.item()
                    + "' in vault '" + ref.vault() + "'; refer to the item by its ID");
        }
        return safeId(matches.get(0), what);
    }

    private static String safeId(String id, String what) throws SecretException {
        if (!SAFE_ID.matcher(id).matches()) {
            throw new SecretException(Reason.UNAVAILABLE, what, "1Password Connect answered with an ID that is not"
                    + " letters, digits, '-' or '_'");
        }
        return id;
    }

    private static String itemPath(String vaultId, String itemId) {
        return "/v1/vaults/" + vaultId + "/items/" + itemId;
    }

    private static String fresh(Map<String, Cached> cache, String key) {
        Cached c = cache.get(key);
        if (c == null) {
            return null;
        }
        if (System.nanoTime() - c.expiresNanos >= 0) {
            cache.remove(key, c);
            return null;
        }
        return c.id;
    }
}
