package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;

/**
 * Stops calling a server after {@code threshold} authentication failures in a row, so a wrong token
 * retried in a loop cannot burn the account's request quota. After {@code openFor} one request is let
 * through again; a success closes the breaker.
 */
final class AuthBreaker {
    private final int threshold;
    private final Duration openFor;
    private final String server;
    private final Ticker ticker;
    private int failures;
    private long openUntilNanos;
    private boolean open;

    AuthBreaker(int threshold, Duration openFor, String server) {
        this(threshold, openFor, server, Ticker.system());
    }

    AuthBreaker(int threshold, Duration openFor, String server, Ticker ticker) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.server = server;
        this.ticker = ticker;
    }

    /**
     * Throws if the breaker is open; otherwise the caller may send one request.
     *
     * @param what the reference(s)
     * @throws SecretException DENIED while open
     */
    synchronized void check(String what) throws SecretException {
        if (!open) {
            return;
        }
        long left = openUntilNanos - ticker.read();
        if (left > 0) {
            throw new SecretException(Reason.DENIED, what, describeOpen(left));
        }
        // half open: this request goes through; others wait for its outcome
        openUntilNanos = ticker.read() + openFor.toNanos();
    }

    synchronized void success() {
        failures = 0;
        open = false;
    }

    synchronized void authFailure() {
        failures++;
        if (failures >= threshold) {
            open = true;
            openUntilNanos = ticker.read() + openFor.toNanos();
        }
    }

    synchronized boolean isOpen() {
        return open && openUntilNanos - ticker.read() > 0;
    }

    synchronized String describe() {
        return describeOpen(Math.max(0, openUntilNanos - ticker.read()));
    }

    private String describeOpen(long leftNanos) {
        return "1Password Connect at " + server + " rejected the token " + failures + " times in a row; no more"
                + " requests are sent for " + Math.max(1, Duration.ofNanos(leftNanos).toSeconds())
                + " s (circuit open). Check " + OpSettings.CONNECT_TOKEN;
    }
}
