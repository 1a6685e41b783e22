package dev.mcpsecrets.policy.checks.internal.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Finds secrets in text in time linear in its length: one Aho-Corasick pass finds the rules'
 * keywords, and a rule's regex is tried, anchored, only where a match could start around a hit (at
 * the keyword, or up to the rule's lookbehind before it), seeing at most {@value #AFTER} characters
 * after it ({@value #MULTILINE_AFTER} for multi-line rules). The regexes in the data are bounded or
 * possessive, so no attempt can backtrack without limit. Thread-safe.
 */
public final class SecretScanner {
    static final int AFTER = 1024;
    static final int MULTILINE_AFTER = 4096;

    private final SecretRuleSet ruleSet;
    private final List<SecretRule> rules;
    private final KeywordIndex index;
    private final Map<SecretRule, Integer> ruleOrder = new IdentityHashMap<>();

    /**
     * A scanner for a rule set.
     *
     * @param ruleSet the rules
     */
    public SecretScanner(SecretRuleSet ruleSet) {
        this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet");
        this.rules = ruleSet.rules();
        List<List<String>> keywords = new ArrayList<>();
        rules.forEach(r -> {
            keywords.add(r.keywords());
            ruleOrder.put(r, ruleOrder.size());
        });
        this.index = new KeywordIndex(keywords);
    }

    /**
     * The scanner of the built-in rules.
     *
     * @return a shared scanner
     */
    public static SecretScanner builtIn() {
        return Holder.BUILT_IN;
    }

    private static final class Holder {
        static final SecretScanner BUILT_IN = new SecretScanner(SecretRuleSet.builtIn());
    }

    /**
     * The rule set.
     *
     * @return the rules
     */
    public SecretRuleSet ruleSet() {
        return ruleSet;
    }

    /**
     * Every secret in a text; where matches of two rules overlap, the earlier rule's is kept.
     *
     * @param text the text
     * @return the matches, ordered by position
     */
    public List<SecretMatch> scan(CharSequence text) {
        Objects.requireNonNull(text, "text");
        Run run = new Run(text);
        index.scan(text, run);
        return resolveOverlaps(run.found);
    }

    /**
     * Secrets of the known formats only (no generic credential assignments).
     *
     * @param text the text
     * @return the matches of specific rules, ordered by position
     */
    public List<SecretMatch> scanKnownFormats(CharSequence text) {
        List<SecretMatch> all = scan(text);
        all.removeIf(m -> m.rule().isGeneric());
        return all;
    }

    private List<SecretMatch> resolveOverlaps(List<SecretMatch> found) {
        found.sort(Comparator.comparingInt(SecretMatch::start).thenComparingInt(SecretMatch::end));
        List<SecretMatch> kept = new ArrayList<>(found.size());
        for (SecretMatch m : found) {
            int last = kept.size() - 1;
            if (last >= 0 && kept.get(last).end() > m.start()) {
                if (priority(m) < priority(kept.get(last))) {
                    kept.set(last, m);
                }
                continue;
            }
            kept.add(m);
        }
        return kept;
    }

    /** The rule's place in the data (earlier wins); generic rules after every known format. */
    private int priority(SecretMatch m) {
        return m.rule().isGeneric() ? Integer.MAX_VALUE : ruleOrder.get(m.rule());
    }

    /** State of one scan: where each rule last matched. */
    private final class Run implements KeywordIndex.HitSink {
        private final CharSequence text;
        /** Per rule, where its last match ended; made at the first keyword hit (most short values have none). */
        private int[] matchedUntil;
        private Matcher[] matchers;
        final List<SecretMatch> found = new ArrayList<>();

        Run(CharSequence text) {
            this.text = text;
        }

        @Override
        public void hit(int[] hitRules, int end) {
            if (matchedUntil == null) {
                matchedUntil = new int[rules.size()];
                matchers = new Matcher[rules.size()];
            }
            for (int rule : hitRules) {
                if (end >= matchedUntil[rule]) {
                    tryAt(rule, end);
                }
            }
        }

        /**
         * Tries the rule's regex anchored at each place a match around this keyword could start: the
         * keyword itself (whichever of the rule's keywords ended here) and up to the rule's lookbehind
         * before it, never before the start of the line. A handful of anchored attempts per hit keep
         * the cost per character constant.
         */
        private void tryAt(int ruleIndex, int end) {
            SecretRule rule = rules.get(ruleIndex);
            if (!rule.gate().isEmpty() && !gateOpen(rule, end)) {
                return;
            }
            for (String keyword : rule.keywords()) {
                int keywordStart = end + 1 - keyword.length();
                if (keywordStart < matchedUntil[ruleIndex] || !endsHere(keyword, keywordStart)) {
                    continue;
                }
                int first = Math.max(lineStart(keywordStart, rule.lookbehind()), matchedUntil[ruleIndex]);
                int limit = Math.min(text.length(), end + (rule.multiline() ? MULTILINE_AFTER : AFTER));
                Matcher m = matcher(ruleIndex, rule);
                for (int start = keywordStart; start >= first; start--) {
                    m.region(start, limit);
                    if (m.lookingAt() && accept(ruleIndex, rule, m)) {
                        return;
                    }
                }
            }
        }

        private boolean accept(int ruleIndex, SecretRule rule, Matcher m) {
            int s = m.start(rule.secretGroup());
            int e = m.end(rule.secretGroup());
            if (s < 0 || e <= s || ruleSet.isPublic(text.subSequence(s, e))) {
                return false;
            }
            // a verified vendor checksum proves the vendor's generator; without one, the value must look random
            if (rule.checksum().verifies(text, s, e) || Entropy.shannon(text, s, e) >= rule.minEntropy()
                    && rule.hasNeededClasses(text, s, e) && !ruleSet.isPlaceholder(text.subSequence(s, e))) {
                found.add(new SecretMatch(rule, s, e));
                matchedUntil[ruleIndex] = m.end();
                return true;
            }
            return false;
        }

        /** Whether a gate character follows the keyword closely enough. */
        private boolean gateOpen(SecretRule rule, int end) {
            int limit = Math.min(text.length(), end + 1 + rule.gateWithin());
            for (int i = end + 1; i < limit; i++) {
                if (rule.gate().indexOf(text.charAt(i)) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the lowercase ASCII keyword occurs at this index, ignoring case. */
        private boolean endsHere(String keyword, int from) {
            if (from < 0) {
                return false;
            }
            for (int i = 0; i < keyword.length(); i++) {
                char c = text.charAt(from + i);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
                if (c != keyword.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private Matcher matcher(int ruleIndex, SecretRule rule) {
            Matcher m = matchers[ruleIndex];
            if (m == null) {
                m = rule.pattern().matcher(text);
                m.useTransparentBounds(true);
                m.useAnchoringBounds(false);
                matchers[ruleIndex] = m;
            }
            return m;
        }

        private int lineStart(int from, int reach) {
            int limit = Math.max(0, from - reach);
            int i = from;
            while (i > limit && text.charAt(i - 1) != '\n') {
                i--;
            }
            return i;
        }
    }
}
