package dev.mcpsecrets.api;

import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TTL cache of resolved secrets with single flight: while one thread resolves a key, the others
 * wait for its result instead of calling the backend again. Callers always get their own copy, which
 * they own; the cache's own copies are destroyed (zeroed) when they leave it. Failures are not cached
 * here (providers decide about negative caching).
 *
 * <p>When an expired value leaves memory: every operation ({@link #getIfPresent}, {@link #get},
 * {@link #put}) first reads the ticker once and, if the earliest expiry among the cached values has
 * passed, removes and destroys every expired value before doing its own work; otherwise the check costs
 * two field reads. So a value is zeroed by the first operation on this cache, for any key, after its
 * TTL, and by {@link #clear()} at the latest. No thread of its own: with no operation at all after the
 * TTL, the value stays until the next one or until {@code clear()} ({@code Secrets.invalidate()} and
 * {@code Secrets.close()}).
 *
 * <p>A value loaded with a TTL of zero is destroyed once the loading caller and every caller that
 * waited for that load have taken their copies.
 */
final class SecretCache {
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

    /** Far enough ahead to mean "never" without overflowing {@code now + ttl}. */
    private static final long MAX_TTL_NANOS = Long.MAX_VALUE >> 2;

    private final long ttlNanos;
    private final Ticker ticker;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Flight> inFlight = new ConcurrentHashMap<>();
    /** Whether some cached value expires at {@link #sweepDue} (written under {@code this}). */
    private volatile boolean sweepArmed;
    /** The earliest expiry among cached values while {@link #sweepArmed}. */
    private volatile long sweepDue;

    /**
     * Creates a cache on the system ticker.
     *
     * @param ttl how long a value is served from the cache; zero disables caching (single flight stays)
     */
    public SecretCache(Duration ttl) {
        this(ttl, Ticker.system());
    }

    /**
     * Creates a cache.
     *
     * @param ttl how long a value is served from the cache; zero disables caching (single flight stays)
     * @param ticker the clock expiry is measured with
     */
    public SecretCache(Duration ttl, Ticker ticker) {
        this.ttlNanos = ttl.compareTo(Duration.ofNanos(MAX_TTL_NANOS)) > 0 ? MAX_TTL_NANOS : ttl.toNanos();
        this.ticker = ticker;
    }

    /**
     * A copy of the cached value, or {@code null}. Sweeps expired values first (see the class comment).
     *
     * @param key the key
     * @return a copy owned by the caller, or {@code null} when absent or expired
     */
    public Secret getIfPresent(String key) {
        long now = ticker.read();
        sweepIfDue(now);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (now - e.expiresAt >= 0) {
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
            if (theirs.hold()) {
                try {
                    return await(key, theirs, waitLimit);
                } finally {
                    theirs.release();
                }
            }
            // that load ended between our two looks: its value is cached now, or it failed
            return get(key, waitLimit, loader);
        }
        try {
            Secret again = getIfPresent(key);
            Secret loaded = again != null ? again : loader.load();
            if (ttlNanos > 0 && !loaded.maxAge().orElse(Duration.ofNanos(1)).isZero()) {
                put(key, loaded.copy());
            }
            mine.succeed(loaded);
            return loaded.copy();
        } catch (SecretException | RuntimeException e) {
            mine.fail(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
            mine.release();
        }
    }

    /**
     * Stores a value; the cache takes ownership and destroys it when it expires, is replaced or
     * cleared, or at once when caching is off. It expires after the cache's TTL or the value's own
     * {@link Secret#maxAge()}, whichever is shorter. Sweeps expired values first.
     *
     * @param key the key
     * @param master the value
     */
    public void put(String key, Secret master) {
        // no lambda here: a server's first resolution would pay the lambda bootstrap for it
        Duration maxAge = master.maxAge().orElse(null);
        long ttl = maxAge == null ? ttlNanos : Math.min(ttlNanos, nanos(maxAge));
        if (ttl <= 0) {
            master.destroy();
            return;
        }
        long now = ticker.read();
        sweepIfDue(now);
        long expiresAt = now + ttl;
        Entry old = entries.put(key, new Entry(master, expiresAt));
        if (old != null && old.master != master) {
            old.master.destroy();
        }
        arm(expiresAt);
    }

    private static long nanos(Duration d) {
        return d.compareTo(Duration.ofNanos(MAX_TTL_NANOS)) > 0 ? MAX_TTL_NANOS : d.toNanos();
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

    private void sweepIfDue(long now) {
        if (sweepArmed && now - sweepDue >= 0) {
            sweep(now);
        }
    }

    /** Removes and destroys every expired value and notes the next expiry. */
    private synchronized void sweep(long now) {
        boolean any = false;
        long earliest = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry v = e.getValue();
            if (now - v.expiresAt >= 0) {
                if (entries.remove(e.getKey(), v)) {
                    v.master.destroy();
                }
            } else if (!any || v.expiresAt - earliest < 0) {
                earliest = v.expiresAt;
                any = true;
            }
        }
        sweepDue = earliest;
        sweepArmed = any;
    }

    /** Called after the entry is in the map, so a sweep running meanwhile either sees it or runs first. */
    private synchronized void arm(long expiresAt) {
        if (!sweepArmed || expiresAt - sweepDue < 0) {
            sweepDue = expiresAt;
            sweepArmed = true;
        }
    }

    /**
     * One load in progress that other callers wait for. A latch rather than {@code CompletableFuture},
     * whose class initialisation sets up the common fork-join pool at a server's first resolution. The
     * loaded value is destroyed when the loader and every waiter that held the flight have let go.
     */
    private static final class Flight {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Secret value;
        private volatile Exception failure;
        /** The loader plus the waiters copying the value; guarded by {@code this}. */
        private int holders = 1;

        void succeed(Secret loaded) {
            value = loaded;
            done.countDown();
        }

        void fail(Exception e) {
            failure = e;
            done.countDown();
        }

        /** Registers a waiter; {@code false} once the value is gone. */
        synchronized boolean hold() {
            if (holders == 0) {
                return false;
            }
            holders++;
            return true;
        }

        synchronized void release() {
            holders--;
            if (holders == 0 && value != null) {
                value.destroy();
            }
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
        return theirs.value.copy();
    }
}
