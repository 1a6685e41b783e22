package dev.mcpsecrets.api.internal.retry;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the HTTP providers wait before retrying a 429 or 5xx: the server's {@code Retry-After}, else an
 * exponential backoff with jitter, and never a wait that would pass the caller's deadline (that fails at
 * once with the reason instead of sleeping into a timeout).
 */
public final class RetryWaits {
    private RetryWaits() {
    }

    /**
     * {@code first · 2^(attempt-1)} plus up to half of that again, at random.
     *
     * @param first the wait before the second attempt
     * @param attempt the attempt that failed, from 1
     * @return the wait
     */
    public static Duration backoff(Duration first, int attempt) {
        long base = first.toMillis() << (attempt - 1);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /**
     * A {@code Retry-After} value as seconds or an HTTP date (RFC 9110, section 10.2.3).
     *
     * @param value the header value
     * @return the wait (zero for a date in the past), or empty when it is neither
     */
    public static Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Sleeps before a retry, or fails when the wait would pass the deadline.
     *
     * @param wait how long to wait
     * @param ctx the deadline
     * @param reason the reason to fail with when the wait does not fit
     * @param what the reference(s), for the exception
     * @param message what went wrong, for the exception
     * @param backend the server's name, for the message of an interrupted wait
     * @throws SecretException {@code reason} when the wait does not fit, TIMEOUT when interrupted
     */
    public static void pause(Duration wait, ResolveContext ctx, Reason reason, String what, String message,
            String backend) throws SecretException {
        if (wait.compareTo(ctx.remaining()) >= 0) {
            throw new SecretException(reason, what, message + "; waiting " + wait.toMillis()
                    + " ms to retry would pass the deadline (" + ctx.remaining().toMillis() + " ms left)");
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException(Reason.TIMEOUT, what, "interrupted while waiting to retry " + backend);
        }
    }
}
