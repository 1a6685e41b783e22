package dev.mcpsecrets.policy.checks.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {
    private static List<String> hits(KeywordIndex index, String text) {
        List<String> out = new ArrayList<>();
        index.scan(text, (rules, end) -> out.add(Arrays.toString(rules) + "@" + end));
        return out;
    }

    @Test
    void findsOverlappingKeywordsCaseInsensitively() {
        KeywordIndex index = new KeywordIndex(List.of(List.of("he", "she"), List.of("hers"), List.of("SK-")));
        assertThat(hits(index, "uSHErs sk-x")).containsExactly("[0]@3", "[1]@5", "[2]@9");
    }

    @Test
    void nonAsciiResetsAndNeverMatches() {
        KeywordIndex index = new KeywordIndex(List.of(List.of("ab")));
        assertThat(hits(index, "aäb ab")).containsExactly("[0]@5");
    }

    @Test
    void holdsMoreRulesThanFitInOneWordAndSharedSuffixesReportEveryRule() {
        List<List<String>> rules = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            rules.add(List.of("k" + i + "_"));
        }
        rules.add(List.of("9_"));
        KeywordIndex index = new KeywordIndex(rules);
        assertThat(hits(index, "x k149_ k7_")).containsExactly("[149, 150]@6", "[7]@10");
    }
}
