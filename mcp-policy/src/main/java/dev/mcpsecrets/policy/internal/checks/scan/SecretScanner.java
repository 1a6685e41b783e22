package dev.mcpsecrets.policy.internal.checks.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Finds secrets in text in time linear in its length: one Aho-Corasick pass finds the rules'
 * keywords, and a rule's regex runs only in a bounded window around a hit (the line, at most
 * {@value #BEFORE} characters before and {@value #AFTER} after; a few lines for multi-line rules),
 * each window once per rule. The regexes in the data are bounded or possessive, so no window can
 * make them backtrack without limit. Thread-safe.
 */
public final class SecretScanner {
    static final int BEFORE = 256;
    static final int AFTER = 1024;
    static final int MULTILINE_AFTER = 4096;

    private final SecretRuleSet ruleSet;
    private final List<SecretRule> rules;
    private final KeywordIndex index;

    /**
     * A scanner for a rule set.
     *
     * @param ruleSet the rules
     */
    public SecretScanner(SecretRuleSet ruleSet) {
        this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet");
        this.rules = ruleSet.rules();
        List<List<String>> keywords = new ArrayList<>();
        rules.forEach(r -> keywords.add(r.keywords()));
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

    private static List<SecretMatch> resolveOverlaps(List<SecretMatch> found) {
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

    private static int priority(SecretMatch m) {
        return m.rule().isGeneric() ? 1 : 0;
    }

    /** State of one scan: the windows already searched per rule. */
    private final class Run implements KeywordIndex.HitSink {
        private final CharSequence text;
        private final int[] searchedUntil;
        private final int[] matchedUntil;
        private final Matcher[] matchers;
        final List<SecretMatch> found = new ArrayList<>();

        Run(CharSequence text) {
            this.text = text;
            this.searchedUntil = new int[rules.size()];
            this.matchedUntil = new int[rules.size()];
            this.matchers = new Matcher[rules.size()];
        }

        @Override
        public void hit(long ruleMask, int end) {
            long mask = ruleMask;
            while (mask != 0) {
                int rule = Long.numberOfTrailingZeros(mask);
                mask &= mask - 1;
                if (end >= searchedUntil[rule]) {
                    search(rule, end);
                }
            }
        }

        private void search(int ruleIndex, int hit) {
            SecretRule rule = rules.get(ruleIndex);
            int from = lineStart(hit);
            int to = rule.multiline() ? Math.min(text.length(), hit + MULTILINE_AFTER) : lineEnd(hit);
            Matcher m = matchers[ruleIndex];
            if (m == null) {
                m = rule.pattern().matcher(text);
                m.useTransparentBounds(true);
                m.useAnchoringBounds(false);
                matchers[ruleIndex] = m;
            }
            m.region(from, to);
            while (m.find()) {
                int s = m.start(rule.secretGroup());
                int e = m.end(rule.secretGroup());
                if (s < 0 || e <= s || s < matchedUntil[ruleIndex]) {
                    continue;
                }
                if (Entropy.shannon(text, s, e) >= rule.minEntropy()
                        && !ruleSet.isPlaceholder(text.subSequence(s, e))) {
                    found.add(new SecretMatch(rule, s, e));
                    matchedUntil[ruleIndex] = e;
                }
            }
            searchedUntil[ruleIndex] = to;
        }

        private int lineStart(int hit) {
            int limit = Math.max(0, hit - BEFORE);
            int i = hit;
            while (i > limit && text.charAt(i - 1) != '\n') {
                i--;
            }
            return i;
        }

        private int lineEnd(int hit) {
            int limit = Math.min(text.length(), hit + AFTER);
            int i = hit;
            while (i < limit && text.charAt(i) != '\n') {
                i++;
            }
            return i;
        }
    }
}
