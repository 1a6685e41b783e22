package dev.mcpsecrets.policy.checks.internal.logs;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time a scan of client logs may take. Scanning stops between windows once it is spent (or when the
 * thread is interrupted, which is how the policy engine ends a check at its deadline), so a machine with
 * gigabytes of logs gets a partial answer that says so instead of no answer.
 */
public final class Budget {
    private static final Budget UNLIMITED = new Budget(() -> 0L, Long.MAX_VALUE);

    private final LongSupplier nanoTime;
    private final long deadline;
    private final long started;

    private Budget(LongSupplier nanoTime, long deadline) {
        this.nanoTime = nanoTime;
        this.deadline = deadline;
        this.started = nanoTime.getAsLong();
    }

    /**
     * A budget starting now.
     *
     * @param nanoTime the clock ({@code System::nanoTime}; tests move their own)
     * @param time how long
     * @return the budget
     */
    public static Budget of(LongSupplier nanoTime, Duration time) {
        Objects.requireNonNull(nanoTime, "nanoTime");
        long now = nanoTime.getAsLong();
        long nanos = Objects.requireNonNull(time, "time").toNanos();
        return new Budget(nanoTime, nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos);
    }

    /**
     * No limit but interruption (for {@code redact}, which the user asked for on one file).
     *
     * @return the budget
     */
    public static Budget unlimited() {
        return UNLIMITED;
    }

    /**
     * Whether the time is spent or the thread was interrupted.
     *
     * @return {@code true} when scanning must stop
     */
    public boolean exhausted() {
        return Thread.currentThread().isInterrupted() || (deadline != Long.MAX_VALUE && nanoTime.getAsLong() - deadline >= 0);
    }

    /**
     * Time spent so far.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - started);
    }
}
