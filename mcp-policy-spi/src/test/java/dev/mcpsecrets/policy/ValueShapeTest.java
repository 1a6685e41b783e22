package dev.mcpsecrets.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ValueShapeTest {

    @Test
    void describesKindAndLength() {
        assertThat(ValueShape.describe("GitHub token", "ghp_" + "a".repeat(36))).isEqualTo("GitHub token, 40 characters");
        assertThat(ValueShape.describe("x", "a")).isEqualTo("x, 1 character");
        assertThat(ValueShape.describe("0123abcd")).isEqualTo("hex string, 8 characters");
        assertThat(ValueShape.describe("12345")).isEqualTo("digits, 5 characters");
        assertThat(ValueShape.describe("abcXYZ12")).isEqualTo("alphanumeric string, 8 characters");
        assertThat(ValueShape.describe("ab+/c=")).isEqualTo("base64-like string, 6 characters");
        assertThat(ValueShape.describe("pass word!")).isEqualTo("text, 10 characters");
        assertThat(ValueShape.describe("")).isEqualTo("empty, 0 characters");
    }

    @Property(tries = 200)
    void descriptionNeverContainsTheValue(@ForAll @AlphaChars @StringLength(min = 4, max = 60) String value) {
        assertThat(ValueShape.describe(value)).doesNotContain(value);
    }
}
