package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CooldownTest {
    private final FakeTicker ticker = new FakeTicker();
    private final Cooldown cooldown = new Cooldown(ticker);

    @Test
    void failsWithTheRememberedReasonUntilTheWaitIsOver() {
        assertThatCode(() -> cooldown.check("op://v/i/f")).doesNotThrowAnyException();
        cooldown.start(Duration.ofSeconds(60), Reason.RATE_LIMITED, "1Password rate limit reached");
        ticker.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> cooldown.check("op://v/i/f"))
                .isInstanceOfSatisfying(SecretException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED))
                .hasMessageContaining("rate limit reached").hasMessageContaining("not asking again for 40 s");
        ticker.advance(Duration.ofSeconds(40).minusNanos(1));
        assertThatThrownBy(() -> cooldown.check("op://v/i/f")).hasMessageContaining("for 1 s");
        ticker.advance(Duration.ofNanos(1));
        assertThatCode(() -> cooldown.check("op://v/i/f")).doesNotThrowAnyException();
    }

    @Test
    void resetEndsTheWaitAtOnce() {
        cooldown.start(Duration.ofMinutes(5), Reason.LOCKED, "1Password is locked");
        cooldown.reset();
        assertThatCode(() -> cooldown.check("op://v/i/f")).doesNotThrowAnyException();
    }
}
