package dev.mcpsecrets.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which mount serves a path and whether it is KV version 1 or 2, asked the way the {@code vault} command
 * asks before every {@code kv} command: {@code GET sys/internal/ui/mounts/<path>}, whose {@code data.path}
 * is the mount and {@code data.options.version} the KV version (no version option: version 1; a 404 from
 * an old server: version 1). Answers are kept for ten minutes per mount; Vault refuses mounts inside
 * mounts, so the longest known mount that starts a path is its mount.
 */
final class MountTable {
    private static final Duration TTL = Duration.ofMinutes(10);

    /**
     * A mount.
     *
     * @param path the mount path with its trailing slash, e.g. {@code secret/}, or empty when unknown
     * @param type the engine type, e.g. {@code kv}
     * @param kvVersion 2 for versioned KV, else 1 (also for other engines, which are read the same way)
     */
    record Mount(String path, String type, int kvVersion) {
        boolean versioned() {
            return kvVersion == 2;
        }
    }

    private record Known(Mount mount, long expiresAt) {
    }

    private final Ticker ticker;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    MountTable(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * The mount of a path, asked from Vault unless known.
     *
     * @param path the secret's path, mount included
     * @param http the server
     * @param token the token
     * @param what the reference(s), for messages
     * @param ctx the deadline
     * @return the mount
     * @throws SecretException DENIED when Vault will not say (no such mount, or no access under it)
     */
    Mount lookup(String path, VaultHttp http, String token, String what, ResolveContext ctx) throws SecretException {
        long now = ticker.read();
        String withSlash = path + "/";
        Mount best = null;
        for (Map.Entry<String, Known> e : known.entrySet()) {
            if (now - e.getValue().expiresAt() >= 0) {
                known.remove(e.getKey(), e.getValue());
            } else if (withSlash.startsWith(e.getKey()) && (best == null || e.getKey().length() > best.path().length())) {
                best = e.getValue().mount();
            }
        }
        if (best != null) {
            return best;
        }
        VaultHttp.Answer a = http.send("GET", "sys/internal/ui/mounts/" + VaultReference.encodePath(path), null, token,
                what, ctx);
        if (a.status() == 404) {
            // servers before the preflight endpoint: KV version 1, as the vault command assumes
            return new Mount("", "kv", 1);
        }
        if (a.status() == 403) {
            throw new SecretException(Reason.DENIED, what, "Vault will not say which secrets engine serves '" + path
                    + "' (HTTP 403" + (a.errors().isEmpty() ? "" : ": " + a.errors()) + "): there is no mount there, "
                    + "or the token's policies grant nothing under it");
        }
        JsonNode data = a.json().path("data");
        String mountPath = data.path("path").asText("");
        if (mountPath.isEmpty() || !mountPath.endsWith("/") || !withSlash.startsWith(mountPath)
                || mountPath.length() >= withSlash.length()) {
            throw new SecretException(Reason.UNAVAILABLE, what, "Vault answered the mount lookup of '" + path
                    + "' without a mount that contains it; name the secret as MOUNT/PATH");
        }
        String type = data.path("type").asText("kv");
        int version = "2".equals(data.path("options").path("version").asText("1")) ? 2 : 1;
        Mount mount = new Mount(mountPath, type, version);
        known.put(mountPath, new Known(mount, now + TTL.toNanos()));
        return mount;
    }

    void clear() {
        known.clear();
    }
}
