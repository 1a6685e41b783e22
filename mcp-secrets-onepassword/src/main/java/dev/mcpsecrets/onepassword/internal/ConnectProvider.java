package dev.mcpsecrets.onepassword.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.Availability;
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
 * {@code op://} through a 1Password Connect server ({@code OP_CONNECT_HOST} + {@code OP_CONNECT_TOKEN}).
 * Many references to one item cost one item fetch; vault and item IDs are cached; a reference that
 * was not found is remembered briefly; five 401 answers in a row stop all requests for a minute.
 * Ranks above {@link OpCliProvider} and is available only when Connect is configured.
 */
public final class ConnectProvider extends OpProviderBase {
    /** The provider id. */
    public static final String ID = "mcp-op-connect";

    private static final int AUTH_FAILURES_TO_OPEN = 5;
    private static final Duration OPEN_FOR = Duration.ofSeconds(60);
    private final Map<String, ConnectSession> sessions = new ConcurrentHashMap<>();

    /** For {@link java.util.ServiceLoader}: availability is judged from the process environment. */
    public ConnectProvider() {
        this(System.getenv());
    }

    /**
     * A provider whose availability is judged from {@code environment} (resolutions use the context's).
     *
     * @param environment holds {@code OP_CONNECT_HOST} and {@code OP_CONNECT_TOKEN} when Connect is used
     */
    public ConnectProvider(Map<String, String> environment) {
        super(ID, 20, environment);
    }

    @Override
    public Availability availability() {
        return availabilityIn(environment);
    }

    /** Judged from the environment resolutions will see, which may differ from the process's. */
    @Override
    public Availability availability(ResolveContext ctx) {
        return availabilityIn(ctx.environment());
    }

    private Availability availabilityIn(Map<String, String> env) {
        ConnectEndpoint endpoint;
        try {
            endpoint = ConnectEndpoint.from(env, null);
        } catch (SecretException e) {
            return Availability.unavailable(e.reason(), e.getMessage());
        }
        ConnectSession session = sessions.get(endpoint.key());
        if (session != null && session.http().breaker().isOpen()) {
            return Availability.unavailable(Reason.DENIED, session.http().breaker().describe());
        }
        return Availability.available("1Password Connect at " + endpoint.base());
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        OpReference r = OpReference.parse(ref);
        notFound().check(r.text());
        ConnectSession session = session(ctx, r.text());
        try {
            JsonNode item = session.item(r, r.text(), ctx);
            return ItemFields.select(item, r).withOrigin("1Password Connect");
        } catch (SecretException e) {
            notFound().remember(e);
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
                    notFound().remember(new SecretException(e.reason(), r.text(), e.getMessage()));
                }
                continue;
            }
            for (OpReference r : group) {
                try {
                    out.put(batch.byText().get(r.text()), ItemFields.select(item, r).withOrigin("1Password Connect"));
                } catch (SecretException e) {
                    notFound().remember(e);
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
