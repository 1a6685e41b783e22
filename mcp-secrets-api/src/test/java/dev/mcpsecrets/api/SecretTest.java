package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void toStringIsRedactedAndNamesTheSource() throws Exception {
        Secret s = Secret.of("hunter2-password").withSource(SecretRef.parse("env:DB"), "mcp-env");
        assertThat(s.toString()).isEqualTo("Secret[****, from env:DB]").doesNotContain("hunter2");
    }

    @Test
    void destroyZeroesAndForbidsReveal() {
        char[] input = "abc".toCharArray();
        Secret s = Secret.of(input);
        input[0] = 'X';
        assertThat(s.revealAsString()).as("the secret owns a copy").isEqualTo("abc");
        s.destroy();
        assertThat(s.isDestroyed()).isTrue();
        assertThat(s.toString()).contains("destroyed");
        assertThatThrownBy(s::revealChars).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void copiesAreIndependent() {
        Secret a = Secret.of("value-1");
        Secret b = a.copy();
        a.destroy();
        assertThat(b.revealAsString()).isEqualTo("value-1");
    }

    @Test
    void utf8RoundTrip() {
        byte[] bytes = "p\u00e4ss\u4e2d\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        Secret s = Secret.ofUtf8(bytes);
        assertThat(s.revealUtf8()).isEqualTo(bytes);
        assertThat(s.length()).as("UTF-16 units: the emoji counts twice").isEqualTo(7);
    }

    @Test
    void contentEqualsComparesValues() {
        assertThat(Secret.of("same").contentEquals(Secret.of("same"))).isTrue();
        assertThat(Secret.of("same").contentEquals(Secret.of("sane"))).isFalse();
        assertThat(Secret.of("same").contentEquals(Secret.of("same!"))).isFalse();
    }

    @Test
    void hasNoBeanStyleGetter() {
        for (var m : Secret.class.getMethods()) {
            if (m.getDeclaringClass() == Object.class) {
                continue;
            }
            assertThat(m.getName()).doesNotStartWith("get");
        }
    }

    @Property(tries = 300)
    void toStringNeverContainsTheValue(@ForAll @StringLength(min = 4, max = 60) String value) throws Exception {
        Secret s = Secret.of(value).withSource(SecretRef.parse("env:X"), "mcp-env").withOrigin("environment variable X");
        assertThat(s.toString()).doesNotContain(value);
    }
}
