package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers for a short time that a reference was not found, so a loop asking for a missing secret
 * does not spend the account's request quota.
 */
final class NegativeCache {
    private record Entry(long expiresNanos, String message) {
    }

    private final long ttlNanos;
    private final Ticker ticker;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    NegativeCache(Duration ttl) {
        this(ttl, Ticker.system());
    }

    NegativeCache(Duration ttl, Ticker ticker) {
        this.ttlNanos = ttl.toNanos();
        this.ticker = ticker;
    }

    /**
     * Throws the remembered NOT_FOUND for {@code reference}, if one is still fresh.
     *
     * @param reference the reference text
     * @throws SecretException the remembered failure
     */
    void check(String reference) throws SecretException {
        Entry e = entries.get(reference);
        if (e == null) {
            return;
        }
        if (ticker.read() - e.expiresNanos >= 0) {
            entries.remove(reference, e);
            return;
        }
        throw new SecretException(Reason.NOT_FOUND, reference, e.message + " (remembered for "
                + Duration.ofNanos(ttlNanos).toSeconds() + " s to spare the request quota)");
    }

    /**
     * Remembers a failure if it is a NOT_FOUND.
     *
     * @param failure the failure
     */
    void remember(SecretException failure) {
        if (ttlNanos > 0 && failure.reason() == Reason.NOT_FOUND && failure.reference().isPresent()) {
            entries.put(failure.reference().get(), new Entry(ticker.read() + ttlNanos, failure.getMessage()));
        }
    }

    void clear() {
        entries.clear();
    }
}
