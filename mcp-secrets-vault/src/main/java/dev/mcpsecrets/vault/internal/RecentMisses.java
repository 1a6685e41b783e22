package dev.mcpsecrets.vault.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Remembers for a few seconds that a reference was not found. When a batch leaves a reference out, the
 * facade asks for it alone to learn why; the answer then comes from here instead of another request.
 * Bounded, oldest first (one TTL, so also the order of expiry).
 */
final class RecentMisses {
    private static final int MAX_ENTRIES = 256;

    private record Miss(long expiresAt, String message) {
    }

    private final long ttlNanos;
    private final Ticker ticker;
    private final LinkedHashMap<String, Miss> misses = new LinkedHashMap<>();

    RecentMisses(Duration ttl, Ticker ticker) {
        this.ttlNanos = ttl.toNanos();
        this.ticker = ticker;
    }

    /**
     * Throws the remembered NOT_FOUND of a reference, if still fresh.
     *
     * @param r the reference
     * @throws SecretException the remembered failure
     */
    void check(VaultReference r) throws SecretException {
        Miss m;
        synchronized (this) {
            sweep(ticker.read());
            m = misses.get(r.text());
        }
        if (m != null) {
            throw new SecretException(Reason.NOT_FOUND, r.text(), m.message());
        }
    }

    /**
     * Remembers a failure if it is a NOT_FOUND.
     *
     * @param r the reference
     * @param failure the failure
     */
    void remember(VaultReference r, SecretException failure) {
        if (failure.reason() != Reason.NOT_FOUND) {
            return;
        }
        synchronized (this) {
            long now = ticker.read();
            sweep(now);
            misses.remove(r.text());
            misses.put(r.text(), new Miss(now + ttlNanos, failure.getMessage()));
            Iterator<Miss> oldest = misses.values().iterator();
            while (misses.size() > MAX_ENTRIES) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    synchronized void clear() {
        misses.clear();
    }

    private void sweep(long now) {
        Iterator<Miss> it = misses.values().iterator();
        while (it.hasNext() && now - it.next().expiresAt() >= 0) {
            it.remove();
        }
    }
}
