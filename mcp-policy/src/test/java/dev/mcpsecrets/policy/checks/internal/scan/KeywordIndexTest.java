package dev.mcpsecrets.policy.checks.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {
    private static List<String> hits(KeywordIndex index, String text) {
        List<String> out = new ArrayList<>();
        index.scan(text, (rules, end) -> out.add(Long.toBinaryString(rules) + "@" + end));
        return out;
    }

    @Test
    void findsOverlappingKeywordsCaseInsensitively() {
        KeywordIndex index = new KeywordIndex(List.of(List.of("he", "she"), List.of("hers"), List.of("SK-")));
        assertThat(hits(index, "uSHErs sk-x")).containsExactly("1@3", "10@5", "100@9");
    }

    @Test
    void nonAsciiResetsAndNeverMatches() {
        KeywordIndex index = new KeywordIndex(List.of(List.of("ab")));
        assertThat(hits(index, "aäb ab")).containsExactly("1@5");
    }
}
