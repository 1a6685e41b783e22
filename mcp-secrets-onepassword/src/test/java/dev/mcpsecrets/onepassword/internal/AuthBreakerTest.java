package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthBreakerTest {
    @Test
    void opensAfterTheThresholdAndASuccessInBetweenResetsTheCount() {
        AuthBreaker breaker = new AuthBreaker(3, Duration.ofMinutes(1), "https://c.example");
        breaker.authFailure();
        breaker.authFailure();
        breaker.success();
        breaker.authFailure();
        breaker.authFailure();
        assertThat(breaker.isOpen()).isFalse();
        breaker.authFailure();
        assertThat(breaker.isOpen()).isTrue();
        assertThatThrownBy(() -> breaker.check("op://v/i/f"))
                .isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.DENIED))
                .hasMessageContaining("3 times in a row");
    }

    @Test
    void afterThePauseOneRequestIsLetThroughAndASuccessCloses() {
        FakeTicker ticker = new FakeTicker();
        AuthBreaker breaker = new AuthBreaker(1, Duration.ofSeconds(30), "https://c.example", ticker);
        breaker.authFailure();
        ticker.advance(Duration.ofSeconds(30).minusNanos(1));
        assertThatThrownBy(() -> breaker.check("r")).isInstanceOf(SecretException.class)
                .hasMessageContaining("for 1 s");
        assertThat(breaker.isOpen()).isTrue();
        ticker.advance(Duration.ofNanos(1));
        assertThat(breaker.isOpen()).isFalse();
        assertThatCode(() -> breaker.check("r")).doesNotThrowAnyException();
        assertThatThrownBy(() -> breaker.check("r")).as("only one request while half open")
                .isInstanceOf(SecretException.class);
        breaker.success();
        assertThatCode(() -> breaker.check("r")).doesNotThrowAnyException();
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aFailureWhileHalfOpenOpensItForAnotherPause() {
        FakeTicker ticker = new FakeTicker();
        AuthBreaker breaker = new AuthBreaker(1, Duration.ofSeconds(30), "https://c.example", ticker);
        breaker.authFailure();
        ticker.advance(Duration.ofSeconds(30));
        assertThatCode(() -> breaker.check("r")).doesNotThrowAnyException();
        breaker.authFailure();
        ticker.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> breaker.check("r")).isInstanceOf(SecretException.class)
                .hasMessageContaining("2 times in a row");
        ticker.advance(Duration.ofSeconds(1));
        assertThatCode(() -> breaker.check("r")).doesNotThrowAnyException();
    }
}
