package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import java.time.Duration;
import java.util.Map;

/**
 * {@code op://} through the 1Password CLI: one reference costs one {@code op read}; many cost one
 * {@code op inject} run. The program is found through {@value OpSettings#OP_PATH} or {@code PATH} in
 * the resolve context's environment, which is also the child's whole environment (so
 * {@code OP_SERVICE_ACCOUNT_TOKEN} and {@code OP_ACCOUNT} reach op without touching its command line).
 */
public final class OpCliProvider extends OpProviderBase<OpCliCalls> {
    /** The provider id. */
    public static final String ID = "mcp-op-cli";

    private static final Duration AVAILABILITY_TTL = Duration.ofSeconds(10);

    private volatile Availability availability;
    private volatile long availabilityCheckedNanos;

    /** For {@link java.util.ServiceLoader}: availability is judged from the process environment. */
    public OpCliProvider() {
        this(System.getenv());
    }

    /**
     * A provider whose availability is judged from {@code environment} (resolutions use the context's).
     *
     * @param environment e.g. with {@value OpSettings#OP_PATH} pointing at a specific op
     */
    public OpCliProvider(Map<String, String> environment) {
        super(ID, 10, environment);
    }

    @Override
    public Availability availability() {
        long now = System.nanoTime();
        Availability a = availability;
        if (a == null || now - availabilityCheckedNanos > AVAILABILITY_TTL.toNanos()) {
            a = availabilityIn(environment);
            availability = a;
            availabilityCheckedNanos = now;
        }
        return a;
    }

    /** Judged from the environment resolutions will see, which may differ from the process's. */
    @Override
    public Availability availability(ResolveContext ctx) {
        return ctx.environment().equals(environment) ? availability() : availabilityIn(ctx.environment());
    }

    private static Availability availabilityIn(Map<String, String> env) {
        OpSettings.Located op = OpSettings.locateOp(env);
        return op.path() != null ? Availability.available("1Password CLI at " + op.path())
                : Availability.unavailable(Reason.UNAVAILABLE, op.problem());
    }

    @Override
    OpCliCalls newCalls() {
        return new OpCliCalls();
    }
}
