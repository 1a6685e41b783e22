package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallTimeoutTest {
    @Test
    void defaultsToFiveSeconds() throws Exception {
        assertThat(CallTimeout.from(Map.of())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsMillisSecondsAndIso() throws Exception {
        assertThat(CallTimeout.from(Map.of(CallTimeout.VARIABLE, "250ms"))).isEqualTo(Duration.ofMillis(250));
        assertThat(CallTimeout.from(Map.of(CallTimeout.VARIABLE, "2s"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(CallTimeout.from(Map.of(CallTimeout.VARIABLE, "PT1.5S"))).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "0s", "-1s", "5 minutes", "ms"})
    void rejectsOtherValuesNamingTheVariable(String text) {
        assertThatThrownBy(() -> CallTimeout.from(Map.of(CallTimeout.VARIABLE, text)))
                .isInstanceOfSatisfying(SecretException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.getMessage()).contains(CallTimeout.VARIABLE).contains(text);
                });
    }
}
