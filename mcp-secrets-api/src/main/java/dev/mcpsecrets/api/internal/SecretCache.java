package dev.mcpsecrets.api.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    private final ConcurrentHashMap<String, CompletableFuture<Secret>> inFlight = new ConcurrentHashMap<>();

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
        CompletableFuture<Secret> mine = new CompletableFuture<>();
        CompletableFuture<Secret> theirs = inFlight.putIfAbsent(key, mine);
        if (theirs != null) {
            return await(key, theirs, waitLimit);
        }
        try {
            Secret again = getIfPresent(key);
            Secret master = again != null ? again : loader.load();
            put(key, master);
            mine.complete(master);
            return master.copy();
        } catch (SecretException | RuntimeException e) {
            mine.completeExceptionally(e);
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

    private static Secret await(String key, CompletableFuture<Secret> theirs, Duration waitLimit)
            throws SecretException {
        try {
            return theirs.get(waitLimit.toNanos(), TimeUnit.NANOSECONDS).copy();
        } catch (TimeoutException e) {
            throw new SecretException(Reason.TIMEOUT, key, "timed out waiting for a concurrent resolution of " + key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException(Reason.TIMEOUT, key, "interrupted while waiting for " + key);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecretException se) {
                throw se;
            }
            throw new SecretException(Reason.UNAVAILABLE, key, "resolution of " + key + " failed");
        } catch (IllegalStateException destroyed) {
            throw new SecretException(Reason.UNAVAILABLE, key, "cached value of " + key + " was discarded; retry");
        }
    }
}
