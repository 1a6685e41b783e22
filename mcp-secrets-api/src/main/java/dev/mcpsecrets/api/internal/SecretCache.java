package dev.mcpsecrets.api.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TTL cache of resolved secrets with single flight: while one thread resolves a key, the others
 * wait for its result instead of calling the backend again. Callers always get their own copy.
 * Failures are not cached here (providers decide about negative caching).
 */
public final class SecretCache {
    /** Loads a value for a key that is not cached. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Loads the secret.
         *
         * @return the secret, owned by the cache afterwards
         * @throws SecretException if it could not be had
         */
        Secret load() throws SecretException;
    }

    private record Entry(Secret master, long expiresAt) {
    }

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Flight> inFlight = new ConcurrentHashMap<>();

    /**
     * Creates a cache.
     *
     * @param ttl how long a value is served from the cache; zero disables caching (single flight stays)
     */
    public SecretCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * A copy of the cached value, or {@code null}.
     *
     * @param key the key
     * @return a copy, or {@code null} when absent or expired
     */
    public Secret getIfPresent(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresAt >= 0) {
            if (entries.remove(key, e)) {
                e.master.destroy();
            }
            return null;
        }
        try {
            return e.master.copy();
        } catch (IllegalStateException destroyedMeanwhile) {
            return null;
        }
    }

    /**
     * Returns a copy of the cached value, or loads it once for all concurrent callers.
     *
     * @param key the key
     * @param waitLimit how long a waiting caller waits for another's load
     * @param loader loads the value
     * @return a copy owned by the caller
     * @throws SecretException the load's failure, or TIMEOUT while waiting
     */
    public Secret get(String key, Duration waitLimit, Loader loader) throws SecretException {
        Secret hit = getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        Flight mine = new Flight();
        Flight theirs = inFlight.putIfAbsent(key, mine);
        if (theirs != null) {
            return await(key, theirs, waitLimit);
        }
        try {
            Secret again = getIfPresent(key);
            Secret master = again != null ? again : loader.load();
            put(key, master);
            mine.succeed(master);
            return master.copy();
        } catch (SecretException | RuntimeException e) {
            mine.fail(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * Stores a value (the cache takes ownership).
     *
     * @param key the key
     * @param master the value
     */
    public void put(String key, Secret master) {
        if (ttlNanos <= 0) {
            return;
        }
        Entry old = entries.put(key, new Entry(master, System.nanoTime() + ttlNanos));
        if (old != null && old.master != master) {
            old.master.destroy();
        }
    }

    /** Drops and destroys every cached value. */
    public void clear() {
        for (String key : entries.keySet()) {
            Entry e = entries.remove(key);
            if (e != null) {
                e.master.destroy();
            }
        }
    }

    /**
     * One load in progress that other callers wait for. A latch rather than {@code CompletableFuture},
     * whose class initialisation sets up the common fork-join pool at a server's first resolution.
     */
    private static final class Flight {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Secret value;
        private volatile Exception failure;

        void succeed(Secret master) {
            value = master;
            done.countDown();
        }

        void fail(Exception e) {
            failure = e;
            done.countDown();
        }
    }

    private static Secret await(String key, Flight theirs, Duration waitLimit) throws SecretException {
        try {
            if (!theirs.done.await(waitLimit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SecretException(Reason.TIMEOUT, key, "timed out waiting for a concurrent resolution of " + key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException(Reason.TIMEOUT, key, "interrupted while waiting for " + key);
        }
        Exception failure = theirs.failure;
        if (failure instanceof SecretException se) {
            throw se;
        }
        if (failure != null || theirs.value == null) {
            throw new SecretException(Reason.UNAVAILABLE, key, "resolution of " + key + " failed");
        }
        try {
            return theirs.value.copy();
        } catch (IllegalStateException destroyed) {
            throw new SecretException(Reason.UNAVAILABLE, key, "cached value of " + key + " was discarded; retry");
        }
    }
}
