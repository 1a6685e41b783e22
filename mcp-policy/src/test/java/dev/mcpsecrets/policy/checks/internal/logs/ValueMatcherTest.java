package dev.mcpsecrets.policy.checks.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ValueMatcherTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> matches(ValueMatcher m, String text) {
        List<String> found = new ArrayList<>();
        byte[] t = b(text);
        m.scan(t, 0, t.length, (p, s, e) -> found.add(p + "@" + s + ".." + e));
        return found;
    }

    @Test
    void findsEveryOccurrenceOfEveryPatternIncludingOverlapsAndSuffixes() {
        ValueMatcher m = new ValueMatcher(List.of(b("he"), b("she"), b("hers"), b("his")));
        assertThat(matches(m, "ushers")).containsExactly("1@1..4", "0@2..4", "2@2..6");
        assertThat(matches(m, "hishe")).containsExactly("3@0..3", "1@2..5", "0@3..5");
    }

    @Test
    void matchesBytesOutsideAsciiAndAClosedMatcherFindsNothing() {
        ValueMatcher m = new ValueMatcher(List.of(b("pässwörd-ü")));
        assertThat(matches(m, "x pässwörd-ü y")).containsExactly("0@2..15");
        m.close();
        assertThat(matches(m, "x pässwörd-ü y")).isEmpty();
        assertThat(m.toString()).contains("closed").doesNotContain("pässwörd");
    }

    @Test
    void refusesEmptyAndOverlongPatterns() {
        assertThatThrownBy(() -> new ValueMatcher(List.of(new byte[0]))).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> new ValueMatcher(List.of(new byte[ValueMatcher.MAX_PATTERN_BYTES + 1])))
                .hasMessageContaining("4097 bytes");
    }

    @Property(tries = 200)
    void agreesWithIndexOf(@ForAll @AlphaChars @StringLength(min = 1, max = 4) String needle,
            @ForAll @AlphaChars @StringLength(max = 60) String hay) {
        ValueMatcher m = new ValueMatcher(List.of(b(needle)));
        List<Integer> expected = new ArrayList<>();
        for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
            expected.add(i);
        }
        List<Integer> found = new ArrayList<>();
        byte[] t = b(hay);
        m.scan(t, 0, t.length, (p, s, e) -> found.add(s));
        assertThat(found).isEqualTo(expected);
    }
}
