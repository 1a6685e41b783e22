package dev.mcpsecrets.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Input checks and failures of {@link KeychainStore} that need no keychain (writes are covered by *IT). */
class KeychainStoreTest {
    private static final Map<String, String> HEADLESS_ENV = Map.of("USER", "alice");

    @Test
    void foreignReferenceIsMalformed() {
        try (KeychainStore store = KeychainStore.open(HEADLESS_ENV, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> store.put(SecretRef.of("env", "TOKEN"), Secret.of("x")))
                    .isInstanceOfSatisfying(SecretException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                        assertThat(e.getMessage()).contains("env:TOKEN").contains("keychain:SERVICE");
                    });
        }
    }

    @Test
    void emptyNamesAreMalformed() {
        try (KeychainStore store = KeychainStore.open(HEADLESS_ENV, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> store.delete("", "alice"))
                    .isInstanceOfSatisfying(SecretException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                        assertThat(e.getMessage()).contains("service name is empty");
                    });
        }
    }

    @Test
    void defaultAccountIsTheUser() {
        try (KeychainStore store = KeychainStore.open(HEADLESS_ENV, Duration.ofSeconds(1))) {
            assertThat(store.defaultAccount()).isEqualTo("alice");
        }
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertThatThrownBy(() -> KeychainStore.open(HEADLESS_ENV, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 100)
    void failedPutNeverShowsTheValue(@ForAll @StringLength(min = 8, max = 64) String value) {
        try (KeychainStore store = KeychainStore.open(HEADLESS_ENV, Duration.ofSeconds(1))) {
            assertThat(store.availability().available()).isFalse();
            SecretException e = null;
            try {
                store.put("svc", "alice", Secret.of(value));
            } catch (SecretException failure) {
                e = failure;
            }
            assertThat(e).isNotNull();
            assertThat(e.reason()).isIn(Reason.HEADLESS, Reason.UNAVAILABLE);
            assertThat(e.getMessage()).doesNotContain(value);
            assertThat(store.toString()).doesNotContain(value);
        }
    }
}
