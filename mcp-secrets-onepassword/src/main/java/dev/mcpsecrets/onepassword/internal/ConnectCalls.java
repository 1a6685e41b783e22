package dev.mcpsecrets.onepassword.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link ConnectProvider} does once first used: one session per Connect server, with its HTTP
 * client, cached vault and item IDs, and the breaker that stops after repeated authentication failures.
 */
final class ConnectCalls extends OpCallsBase {
    private static final int AUTH_FAILURES_TO_OPEN = 5;
    private static final Duration OPEN_FOR = Duration.ofSeconds(60);
    private final Map<String, ConnectSession> sessions = new ConcurrentHashMap<>();

    /**
     * Why requests to this server are stopped, if its breaker is open.
     *
     * @param endpoint the server
     * @return the reason in one sentence, or {@code null} when requests may go out
     */
    String refusal(ConnectEndpoint endpoint) {
        ConnectSession session = sessions.get(endpoint.key());
        return session != null && session.http().breaker().isOpen() ? session.http().breaker().describe() : null;
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        OpReference r = OpReference.parse(ref);
        notFound.check(r.text());
        ConnectSession session = session(ctx, r.text());
        try {
            JsonNode item = session.item(r, r.text(), ctx);
            return ItemFields.select(item, r).withOrigin("1Password Connect");
        } catch (SecretException e) {
            notFound.remember(e);
            throw e;
        }
    }

    /** Groups references by item: one item fetch per group (plus cached vault and item lookups). */
    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException {
        Batch batch = parseBatch(refs);
        Map<String, List<OpReference>> byItem = new LinkedHashMap<>();
        for (OpReference r : batch.refs()) {
            byItem.computeIfAbsent(r.itemKey(), k -> new ArrayList<>()).add(r);
        }
        Map<SecretRef, Secret> out = new LinkedHashMap<>();
        if (byItem.isEmpty()) {
            return out;
        }
        ConnectSession session = session(ctx, refs.size() + " references");
        for (List<OpReference> group : byItem.values()) {
            JsonNode item;
            try {
                item = session.item(group.get(0), group.get(0).text(), ctx);
            } catch (SecretException e) {
                if (e.reason() != Reason.NOT_FOUND && e.reason() != Reason.MALFORMED) {
                    out.values().forEach(Secret::destroy);
                    throw e;
                }
                for (OpReference r : group) {
                    notFound.remember(new SecretException(e.reason(), r.text(), e.getMessage()));
                }
                continue;
            }
            for (OpReference r : group) {
                try {
                    out.put(batch.byText().get(r.text()), ItemFields.select(item, r).withOrigin("1Password Connect"));
                } catch (SecretException e) {
                    notFound.remember(e);
                }
            }
        }
        return out;
    }

    private ConnectSession session(ResolveContext ctx, String what) throws SecretException {
        ConnectEndpoint endpoint = ConnectEndpoint.from(ctx.environment(), what);
        return sessions.computeIfAbsent(endpoint.key(), k -> new ConnectSession(new ConnectHttp(endpoint,
                new AuthBreaker(AUTH_FAILURES_TO_OPEN, OPEN_FOR, endpoint.base().toString()))));
    }

    /** Drops cached IDs, remembered failures and HTTP clients. */
    @Override
    public void close() {
        super.close();
        sessions.clear();
    }
}
