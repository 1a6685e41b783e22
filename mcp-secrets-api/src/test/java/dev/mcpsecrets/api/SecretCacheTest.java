package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecretCacheTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration NANO = Duration.ofNanos(1);

    private final FakeTicker ticker = new FakeTicker();
    private final SecretCache cache = new SecretCache(TTL, ticker);

    @Test
    void aValueIsServedUntilItsTtlAndThenDroppedAndZeroedOnRead() {
        Secret master = Secret.of("value-a");
        char[] held = chars(master);
        cache.put("a", master);
        ticker.advance(TTL.minus(NANO));
        Secret copy = cache.getIfPresent("a");
        assertThat(copy.revealAsString()).isEqualTo("value-a");
        ticker.advance(NANO);
        assertThat(cache.getIfPresent("a")).isNull();
        assertThat(held).containsOnly('\0');
        assertThat(copy.revealAsString()).as("the caller's copy is the caller's").isEqualTo("value-a");
    }

    @Test
    void anExpiredValueIsZeroedByTheNextOperationOnAnyKeyEvenIfNeverReadAgain() throws Exception {
        Secret master = Secret.of("value-a");
        char[] held = chars(master);
        cache.put("a", master);
        ticker.advance(TTL);
        assertThat(held).as("no operation yet").containsOnly('v', 'a', 'l', 'u', 'e', '-');
        assertThat(cache.getIfPresent("other")).isNull();
        assertThat(master.isDestroyed()).isTrue();
        assertThat(held).containsOnly('\0');
    }

    @Test
    void aPutSweepsOnlyWhatExpiredAndTheNextSweepComesWithTheNextExpiry() {
        Secret a = Secret.of("value-a");
        Secret b = Secret.of("value-b");
        Secret c = Secret.of("value-c");
        cache.put("a", a);
        ticker.advance(Duration.ofMinutes(2));
        cache.put("b", b);
        ticker.advance(Duration.ofMinutes(3));
        cache.put("c", c);
        assertThat(a.isDestroyed()).as("a reached its TTL").isTrue();
        assertThat(b.isDestroyed()).isFalse();
        ticker.advance(Duration.ofMinutes(2).minus(NANO));
        assertThat(cache.getIfPresent("c").revealAsString()).isEqualTo("value-c");
        assertThat(b.isDestroyed()).isFalse();
        ticker.advance(NANO);
        assertThat(cache.getIfPresent("c").revealAsString()).isEqualTo("value-c");
        assertThat(b.isDestroyed()).as("b reached its TTL").isTrue();
        ticker.advance(Duration.ofMinutes(3));
        cache.put("d", Secret.of("value-d"));
        assertThat(c.isDestroyed()).isTrue();
    }

    @Test
    void aLoadedValueIsCachedAsTheCachesOwnCopyAndCallersOwnTheirs() throws Exception {
        Secret loaded = Secret.of("value-a");
        Secret first = cache.get("a", WAIT, () -> loaded);
        first.destroy();
        Secret second = cache.get("a", WAIT, () -> {
            throw new AssertionError("served from the cache");
        });
        assertThat(second.revealAsString()).isEqualTo("value-a");
        assertThat(loaded.isDestroyed()).as("the cache keeps a copy of its own").isTrue();
        cache.clear();
        assertThat(second.revealAsString()).isEqualTo("value-a");
    }

    @Test
    void replacingAValueDestroysTheOldOne() {
        Secret old = Secret.of("value-old");
        cache.put("a", old);
        cache.put("a", Secret.of("value-new"));
        assertThat(old.isDestroyed()).isTrue();
        assertThat(cache.getIfPresent("a").revealAsString()).isEqualTo("value-new");
    }

    @Test
    void withZeroTtlALoadedValueIsZeroedOnceTheCallerHasItsCopy() throws Exception {
        SecretCache off = new SecretCache(Duration.ZERO, ticker);
        Secret loaded = Secret.of("value-a");
        char[] held = chars(loaded);
        Secret copy = off.get("a", WAIT, () -> loaded);
        assertThat(copy.revealAsString()).isEqualTo("value-a");
        assertThat(held).containsOnly('\0');
        assertThat(off.getIfPresent("a")).isNull();
    }

    @Test
    void withZeroTtlAPutValueIsZeroedAtOnce() {
        SecretCache off = new SecretCache(Duration.ZERO, ticker);
        Secret master = Secret.of("value-a");
        off.put("a", master);
        assertThat(master.isDestroyed()).isTrue();
        assertThat(off.getIfPresent("a")).isNull();
    }

    @Test
    void withZeroTtlConcurrentCallersShareOneLoadAndTheLoadedValueIsZeroedAfterAllCopied() throws Exception {
        SecretCache off = new SecretCache(Duration.ZERO, ticker);
        int threads = 8;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Secret> loadedValues = new ArrayList<>();
        SecretCache.Loader loader = () -> {
            loads.incrementAndGet();
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Secret s = Secret.of("value-a");
            synchronized (loadedValues) {
                loadedValues.add(s);
            }
            return s;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<String> call = () -> off.get("a", WAIT, loader).revealAsString();
                results.add(pool.submit(call));
            }
            while (loads.get() == 0) {
                Thread.onSpinWait();
            }
            release.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value-a");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loadedValues).isNotEmpty().allSatisfy(s -> assertThat(s.isDestroyed()).isTrue());
        assertThat(loads.get()).isEqualTo(loadedValues.size());
    }

    @Test
    void aValueWhoseBackendGaveAShorterMaxAgeLeavesAtThatAgeAndIsZeroed() {
        Secret master = Secret.of("value-lease").withMaxAge(Duration.ofSeconds(30));
        char[] held = chars(master);
        cache.put("a", master);
        ticker.advance(Duration.ofSeconds(30).minus(NANO));
        assertThat(cache.getIfPresent("a").revealAsString()).isEqualTo("value-lease");
        ticker.advance(NANO);
        assertThat(cache.getIfPresent("a")).as("the lease, not the cache TTL, ends it").isNull();
        assertThat(held).containsOnly('\0');
    }

    @Test
    void aMaxAgeLongerThanTheTtlDoesNotExtendIt() {
        cache.put("a", Secret.of("value-long").withMaxAge(Duration.ofDays(32)));
        ticker.advance(TTL);
        assertThat(cache.getIfPresent("a")).isNull();
    }

    @Test
    void aMaxAgeOfZeroIsNeverCachedButStillSharedByTheLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        SecretCache.Loader loader = () -> {
            loads.incrementAndGet();
            return Secret.of("value-now").withMaxAge(Duration.ZERO);
        };
        assertThat(cache.get("a", WAIT, loader).revealAsString()).isEqualTo("value-now");
        assertThat(cache.get("a", WAIT, loader).revealAsString()).isEqualTo("value-now");
        assertThat(loads.get()).as("nothing cached: each get loads").isEqualTo(2);
    }

    @Test
    void theMaxAgeSurvivesCopiesAndIsEmptyUnlessGiven() {
        Secret leased = Secret.of("value-x").withMaxAge(Duration.ofSeconds(5));
        assertThat(leased.copy().maxAge()).contains(Duration.ofSeconds(5));
        assertThat(leased.withOrigin("o").withSource(SecretRef.of("env", "X"), "p").maxAge())
                .contains(Duration.ofSeconds(5));
        assertThat(Secret.of("value-y").maxAge()).isEmpty();
        assertThat(leased.toString()).doesNotContain("value-x");
    }

    /** The characters a secret holds, read in place (not a copy) to see that they are zeroed. */
    private static char[] chars(Secret secret) {
        try {
            Field value = Secret.class.getDeclaredField("value");
            value.setAccessible(true);
            return (char[]) value.get(secret);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
