package dev.mcpsecrets.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link VaultSecretProvider} does once first used: one session per server, namespace and login
 * (its HTTP client, token and mount table), reads of KV v1 ({@code GET <path>}) and v2
 * ({@code GET <mount>/data/<path>?version=N}) secrets, and the selection of a key from what was read.
 * A batch reads each path once. Values carry the secret's lease as their cache limit when Vault gives one.
 */
final class VaultReader implements VaultCalls {
    /** How long a path Vault did not have is remembered, so the facade's follow-up asks cost no request. */
    private static final Duration MISS_TTL = Duration.ofSeconds(5);

    /** One server, namespace and login. */
    private record Session(VaultHttp http, VaultLogin login, MountTable mounts) {
    }

    private final Ticker ticker;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final RecentMisses misses;

    VaultReader() {
        this(Ticker.system());
    }

    VaultReader(Ticker ticker) {
        this.ticker = ticker;
        this.misses = new RecentMisses(MISS_TTL, ticker);
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        VaultReference r = VaultReference.parse(ref);
        misses.check(r);
        Session session = session(ctx, r.text());
        SecretData data;
        try {
            data = read(session, r, r.text(), ctx);
        } catch (SecretException e) {
            misses.remember(r, e);
            throw e;
        }
        try {
            return data.select(r);
        } catch (SecretException e) {
            misses.remember(r, e);
            throw e;
        }
    }

    /** One read per path (and version); a path that is missing leaves its references out for the facade. */
    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException {
        Map<String, List<VaultReference>> byPath = new LinkedHashMap<>();
        Map<VaultReference, SecretRef> original = new LinkedHashMap<>();
        for (SecretRef ref : refs) {
            try {
                VaultReference r = VaultReference.parse(ref);
                misses.check(r);
                byPath.computeIfAbsent(r.readKey(), k -> new ArrayList<>()).add(r);
                original.put(r, ref);
            } catch (SecretException malformedOrMissing) {
                // left out: the facade asks for it alone and resolve says why
            }
        }
        Map<SecretRef, Secret> out = new LinkedHashMap<>();
        if (byPath.isEmpty()) {
            return out;
        }
        Session session = session(ctx, refs.size() + " vault references");
        for (List<VaultReference> group : byPath.values()) {
            SecretData data;
            try {
                data = read(session, group.get(0), describe(group), ctx);
            } catch (SecretException e) {
                if (e.reason() != Reason.NOT_FOUND) {
                    out.values().forEach(Secret::destroy);
                    throw e;
                }
                group.forEach(r -> misses.remember(r, e));
                continue;
            }
            for (VaultReference r : group) {
                try {
                    out.put(original.get(r), data.select(r));
                } catch (SecretException e) {
                    misses.remember(r, e);
                }
            }
        }
        return out;
    }

    private static String describe(List<VaultReference> group) {
        return group.size() == 1 ? group.get(0).text() : group.get(0).text() + " and " + (group.size() - 1)
                + " more of vault:" + group.get(0).readKey();
    }

    private Session session(ResolveContext ctx, String what) throws SecretException {
        VaultSettings settings = VaultSettings.from(ctx.environment(), what);
        Session s = sessions.get(settings.key());
        if (s != null) {
            return s;
        }
        VaultHttp http = new VaultHttp(settings, VaultTls.context(settings, what));
        Session created = new Session(http, new VaultLogin(http, ticker), new MountTable(ticker));
        Session raced = sessions.putIfAbsent(settings.key(), created);
        return raced != null ? raced : created;
    }

    /** Reads a path; a token Vault rejects is replaced once by logging in again (login methods). */
    private SecretData read(Session s, VaultReference r, String what, ResolveContext ctx) throws SecretException {
        for (int attempt = 1; ; attempt++) {
            String token = s.login().token(what, ctx);
            MountTable.Mount mount = s.mounts().lookup(r.path(), s.http(), token, what, ctx);
            String request;
            if (mount.versioned()) {
                String rest = r.path().substring(mount.path().length());
                request = VaultReference.encodePath(mount.path().substring(0, mount.path().length() - 1)) + "/data/"
                        + VaultReference.encodePath(rest) + (r.version() > 0 ? "?version=" + r.version() : "");
            } else if (r.version() > 0) {
                throw new SecretException(Reason.MALFORMED, r.text(), "?version= is for KV version 2, and "
                        + (mount.path().isEmpty() ? "this server" : "mount " + mount.path()) + " is not versioned");
            } else {
                request = VaultReference.encodePath(r.path());
            }
            VaultHttp.Answer a = s.http().send("GET", request, null, token, what, ctx);
            if (a.status() == 403 && attempt == 1 && s.login().canLogInAgain()) {
                s.login().rejected(token);
                continue;
            }
            return SecretData.of(a, mount, r, s.http().settings(), what);
        }
    }

    @Override
    public void close() {
        for (Session s : sessions.values()) {
            s.login().forget();
            s.mounts().clear();
        }
        sessions.clear();
        misses.clear();
    }
}
