package dev.mcpsecrets.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider knows about one resolution: the profile in effect, the deadline, and the
 * environment variables the process sees (so tests and embedders can supply their own).
 *
 * <p>Providers must give up with {@link Reason#TIMEOUT} once {@link #remaining()} is zero, and should
 * pass the remaining time on to any backend call. {@link #toString()} never shows the environment.
 *
 * @since 0.1
 */
public final class ResolveContext {
    private final Profile profile;
    private final long deadlineNanos;
    private final Map<String, String> environment;

    private ResolveContext(Profile profile, long deadlineNanos, Map<String, String> environment) {
        this.profile = profile;
        this.deadlineNanos = deadlineNanos;
        this.environment = environment;
    }

    /**
     * A context whose deadline is {@code timeout} from now.
     *
     * @param profile the profile in effect
     * @param timeout how long the resolution may take; positive
     * @param environment the environment variables (copied)
     * @return the context
     */
    public static ResolveContext of(Profile profile, Duration timeout, Map<String, String> environment) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(environment, "environment");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        long nanos = saturatedNanos(timeout);
        return new ResolveContext(profile, System.nanoTime() + nanos, immutable(environment));
    }

    /**
     * The environment as an unmodifiable snapshot. The process environment already is one (Java never
     * changes it after start), so it is kept as it is rather than copied entry by entry on every
     * resolution; any other map is copied.
     *
     * @param environment the variables
     * @return an unmodifiable map with the same entries
     */
    static Map<String, String> immutable(Map<String, String> environment) {
        return environment == System.getenv() ? environment : Map.copyOf(environment);
    }

    /**
     * A context for the process environment and profile, with the given timeout.
     *
     * @param timeout how long the resolution may take
     * @return the context
     */
    public static ResolveContext ofProcess(Duration timeout) {
        Map<String, String> env = System.getenv();
        return of(Profile.fromEnvironment(env, null), timeout, env);
    }

    /**
     * The same context with an earlier deadline, if {@code timeout} from now is earlier.
     *
     * @param timeout a shorter limit, e.g. a provider's own backend limit
     * @return a context with the earlier of both deadlines
     */
    public ResolveContext withTimeoutAtMost(Duration timeout) {
        long candidate = System.nanoTime() + saturatedNanos(timeout);
        return candidate - deadlineNanos < 0 ? new ResolveContext(profile, candidate, environment) : this;
    }

    /**
     * The profile in effect.
     *
     * @return the profile
     */
    public Profile profile() {
        return profile;
    }

    /**
     * Time left until the deadline, never negative.
     *
     * @return the remaining time
     */
    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /**
     * Whether the deadline has passed.
     *
     * @return {@code true} when no time is left
     */
    public boolean isExpired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /**
     * The environment variables the process sees (or the ones an embedder supplied).
     *
     * @return an unmodifiable map
     */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * One environment variable.
     *
     * @param name the variable name
     * @return its value, or {@code null}
     */
    public String getenv(String name) {
        return environment.get(name);
    }

    @Override
    public String toString() {
        return "ResolveContext[profile=" + profile + ", remaining=" + remaining().toMillis() + "ms]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE / 4;
        }
    }
}
