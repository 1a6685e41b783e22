package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NegativeCacheTest {
    private static final String REF = "op://Private/Missing/token";
    private final FakeTicker ticker = new FakeTicker();
    private final NegativeCache cache = new NegativeCache(Duration.ofSeconds(30), ticker);

    @Test
    void aNotFoundIsRememberedForItsTtlOnly() {
        cache.remember(new SecretException(Reason.NOT_FOUND, REF, "no item Missing in vault Private"));
        ticker.advance(Duration.ofSeconds(30).minusNanos(1));
        assertThatThrownBy(() -> cache.check(REF))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("no item Missing").hasMessageContaining("remembered for 30 s");
        assertThatCode(() -> cache.check("op://Private/Other/token")).doesNotThrowAnyException();
        ticker.advance(Duration.ofNanos(1));
        assertThatCode(() -> cache.check(REF)).doesNotThrowAnyException();
    }

    @Test
    void otherReasonsAreNotRemembered() {
        cache.remember(new SecretException(Reason.DENIED, REF, "denied"));
        cache.remember(new SecretException(Reason.TIMEOUT, REF, "timed out"));
        assertThatCode(() -> cache.check(REF)).doesNotThrowAnyException();
    }

    @Test
    void aZeroTtlRemembersNothing() {
        NegativeCache off = new NegativeCache(Duration.ZERO, ticker);
        off.remember(new SecretException(Reason.NOT_FOUND, REF, "no item"));
        assertThatCode(() -> off.check(REF)).doesNotThrowAnyException();
    }

    @Test
    void clearForgetsEverything() {
        cache.remember(new SecretException(Reason.NOT_FOUND, REF, "no item"));
        cache.clear();
        assertThatCode(() -> cache.check(REF)).doesNotThrowAnyException();
    }

    private static SecretException notFound(String reference) {
        return new SecretException(Reason.NOT_FOUND, reference, "no such item");
    }

    @Test
    void expiredEntriesAreSweptOnAnyAccessNotOnlyWhenTheirOwnReferenceIsAsked() {
        for (int i = 0; i < 100; i++) {
            cache.remember(notFound("op://Private/Missing-" + i + "/token"));
        }
        assertThat(cache.size()).isEqualTo(100);
        ticker.advance(Duration.ofSeconds(30));

        assertThatCode(() -> cache.check("op://Private/Unrelated/token")).doesNotThrowAnyException();

        assertThat(cache.size()).isZero();
    }

    @Test
    void onlyTheExpiredAreSweptTheFreshStayRemembered() {
        cache.remember(notFound("op://Private/Old/token"));
        ticker.advance(Duration.ofSeconds(20));
        cache.remember(notFound("op://Private/New/token"));
        ticker.advance(Duration.ofSeconds(10));

        cache.remember(notFound("op://Private/Newest/token"));

        assertThat(cache.size()).isEqualTo(2);
        assertThatThrownBy(() -> cache.check("op://Private/New/token")).isInstanceOf(SecretException.class);
        assertThatCode(() -> cache.check("op://Private/Old/token")).doesNotThrowAnyException();
    }

    @Test
    void theCacheIsBoundedAndEvictsTheOldestFirst() {
        NegativeCache small = new NegativeCache(Duration.ofSeconds(30), 3, ticker);
        for (int i = 0; i < 5; i++) {
            small.remember(notFound("op://Private/Missing-" + i + "/token"));
            ticker.advance(Duration.ofMillis(1));
        }

        assertThat(small.size()).isEqualTo(3);
        assertThatCode(() -> small.check("op://Private/Missing-0/token")).doesNotThrowAnyException();
        assertThatCode(() -> small.check("op://Private/Missing-1/token")).doesNotThrowAnyException();
        for (int i = 2; i < 5; i++) {
            String ref = "op://Private/Missing-" + i + "/token";
            assertThatThrownBy(() -> small.check(ref)).isInstanceOf(SecretException.class);
        }
    }

    @Test
    void theDefaultBoundHoldsUnderManyDistinctMisses() {
        for (int i = 0; i < NegativeCache.DEFAULT_MAX_ENTRIES * 3; i++) {
            cache.remember(notFound("op://Private/Generated-" + i + "/token"));
        }
        assertThat(cache.size()).isEqualTo(NegativeCache.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void rememberingAgainRenewsTheEntryAndItsPlaceInTheEvictionOrder() {
        NegativeCache small = new NegativeCache(Duration.ofSeconds(30), 2, ticker);
        small.remember(notFound("op://a/a/a"));
        small.remember(notFound("op://b/b/b"));
        ticker.advance(Duration.ofSeconds(20));
        small.remember(notFound("op://a/a/a"));
        small.remember(notFound("op://c/c/c")); // evicts b, the oldest now
        ticker.advance(Duration.ofSeconds(15)); // the first remembering of a would have expired

        assertThatThrownBy(() -> small.check("op://a/a/a")).isInstanceOf(SecretException.class);
        assertThatCode(() -> small.check("op://b/b/b")).doesNotThrowAnyException();
    }
}
