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
}
