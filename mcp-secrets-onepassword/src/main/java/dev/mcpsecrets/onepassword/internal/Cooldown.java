package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;

/**
 * After a failure that concerns the whole backend (rate limit, signed out), later calls fail at once
 * with the same reason until the wait is over, instead of asking the backend again.
 */
final class Cooldown {
    private record State(long untilNanos, Reason reason, String message) {
    }

    private final Ticker ticker;
    private volatile State state;

    Cooldown() {
        this(Ticker.system());
    }

    Cooldown(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * Throws if a wait is in force.
     *
     * @param reference the reference being resolved, for the exception
     * @throws SecretException the remembered failure
     */
    void check(String reference) throws SecretException {
        State s = state;
        if (s == null) {
            return;
        }
        long left = s.untilNanos - ticker.read();
        if (left <= 0) {
            state = null;
            return;
        }
        throw new SecretException(s.reason, reference, s.message + " (not asking again for "
                + Math.max(1, Duration.ofNanos(left).toSeconds()) + " s)");
    }

    /**
     * Starts a wait.
     *
     * @param wait how long
     * @param reason the reason later calls fail with
     * @param message what went wrong, without any reference-specific detail
     */
    void start(Duration wait, Reason reason, String message) {
        state = new State(ticker.read() + wait.toNanos(), reason, message);
    }

    /** Ends any wait, e.g. after a success. */
    void reset() {
        state = null;
    }
}
