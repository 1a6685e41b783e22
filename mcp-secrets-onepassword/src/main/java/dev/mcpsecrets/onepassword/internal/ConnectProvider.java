package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import java.util.Map;

/**
 * {@code op://} through a 1Password Connect server ({@code OP_CONNECT_HOST} + {@code OP_CONNECT_TOKEN}).
 * Many references to one item cost one item fetch; vault and item IDs are cached; a reference that
 * was not found is remembered briefly; five 401 answers in a row stop all requests for a minute.
 * Ranks above {@link OpCliProvider} and is available only when Connect is configured.
 */
public final class ConnectProvider extends OpProviderBase<ConnectCalls> {
    /** The provider id. */
    public static final String ID = "mcp-op-connect";

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
        ConnectCalls calls = existingCalls();
        String refusal = calls == null ? null : calls.refusal(endpoint);
        if (refusal != null) {
            return Availability.unavailable(Reason.DENIED, refusal);
        }
        return Availability.available("1Password Connect at " + endpoint.base());
    }

    @Override
    ConnectCalls newCalls() {
        return new ConnectCalls();
    }
}
