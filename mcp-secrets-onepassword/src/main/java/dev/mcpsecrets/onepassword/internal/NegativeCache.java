package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Remembers for a short time that a reference was not found, so a loop asking for a missing secret
 * does not spend the account's request quota.
 *
 * <p>Bounded: a process asking for many different missing references (a typo loop, a generated name)
 * must not grow it without end. Entries are kept in the order they were remembered, which with one TTL
 * is also the order they expire in, so every access drops the expired ones from the front, and beyond
 * {@code maxEntries} the oldest are evicted first.
 */
final class NegativeCache {
    /** The most references remembered at once. */
    static final int DEFAULT_MAX_ENTRIES = 1024;

    private record Entry(long expiresNanos, String message) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final Ticker ticker;
    /** Oldest first; guarded by {@code this}. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    NegativeCache(Duration ttl) {
        this(ttl, Ticker.system());
    }

    NegativeCache(Duration ttl, Ticker ticker) {
        this(ttl, DEFAULT_MAX_ENTRIES, ticker);
    }

    NegativeCache(Duration ttl, int maxEntries, Ticker ticker) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.ticker = ticker;
    }

    /**
     * Throws the remembered NOT_FOUND for {@code reference}, if one is still fresh.
     *
     * @param reference the reference text
     * @throws SecretException the remembered failure
     */
    void check(String reference) throws SecretException {
        Entry e;
        synchronized (this) {
            sweep(ticker.read());
            e = entries.get(reference);
        }
        if (e != null) {
            throw new SecretException(Reason.NOT_FOUND, reference, e.message + " (remembered for "
                    + Duration.ofNanos(ttlNanos).toSeconds() + " s to spare the request quota)");
        }
    }

    /**
     * Remembers a failure if it is a NOT_FOUND.
     *
     * @param failure the failure
     */
    void remember(SecretException failure) {
        if (ttlNanos > 0 && failure.reason() == Reason.NOT_FOUND && failure.reference().isPresent()) {
            String reference = failure.reference().get();
            synchronized (this) {
                long now = ticker.read();
                sweep(now);
                entries.remove(reference); // re-remembered: moves to the end, where its new expiry belongs
                entries.put(reference, new Entry(now + ttlNanos, failure.getMessage()));
                Iterator<Entry> oldest = entries.values().iterator();
                while (entries.size() > maxEntries) {
                    oldest.next();
                    oldest.remove();
                }
            }
        }
    }

    synchronized void clear() {
        entries.clear();
    }

    /** How many references are remembered now (expired ones included until the next access). */
    synchronized int size() {
        return entries.size();
    }

    /** Drops the expired entries: they are all at the front. */
    private void sweep(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && now - it.next().expiresNanos >= 0) {
            it.remove();
        }
    }
}
