package dev.mcpsecrets.policy.checks.internal.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A case-insensitive Aho-Corasick automaton over ASCII keywords: one pass over the text finds every
 * occurrence of every keyword, so the cost of the prefilter does not grow with the number of rules.
 * Characters outside ASCII never match a keyword. Immutable after construction.
 */
final class KeywordIndex {
    private static final int ALPHABET = 128;

    /**
     * Dense transition table: {@code next[state * 128 + c]}; a target state with output is stored as
     * its complement (negative), so the scan loop needs no second lookup for states without hits.
     */
    private final int[] next;
    /** Per state, the rules (ascending indices) one of whose keywords ends here; empty for most states. */
    private final int[][] output;

    /**
     * Builds the automaton.
     *
     * @param keywordsPerRule for rule i, its keywords (ASCII)
     */
    KeywordIndex(List<List<String>> keywordsPerRule) {
        List<int[]> trie = new ArrayList<>();
        List<BitSet> out = new ArrayList<>();
        trie.add(newRow());
        out.add(new BitSet());
        for (int rule = 0; rule < keywordsPerRule.size(); rule++) {
            for (String keyword : keywordsPerRule.get(rule)) {
                String k = keyword.toLowerCase(Locale.ROOT);
                if (k.isEmpty() || !k.chars().allMatch(c -> c < ALPHABET)) {
                    throw new IllegalArgumentException("keyword must be non-empty ASCII: " + keyword);
                }
                int state = 0;
                for (int i = 0; i < k.length(); i++) {
                    int c = k.charAt(i);
                    if (trie.get(state)[c] < 0) {
                        trie.get(state)[c] = trie.size();
                        trie.add(newRow());
                        out.add(new BitSet());
                    }
                    state = trie.get(state)[c];
                }
                out.get(state).set(rule);
            }
        }
        int states = trie.size();
        next = new int[states * ALPHABET];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int child = trie.get(0)[c];
            next[c] = Math.max(child, 0);
            if (child > 0) {
                fail[child] = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).or(out.get(fail[s]));
            for (int c = 0; c < ALPHABET; c++) {
                int child = trie.get(s)[c];
                if (child > 0) {
                    fail[child] = next[fail[s] * ALPHABET + c];
                    next[s * ALPHABET + c] = child;
                    queue.add(child);
                } else {
                    next[s * ALPHABET + c] = next[fail[s] * ALPHABET + c];
                }
            }
        }
        output = new int[states][];
        int[] none = new int[0];
        for (int s = 0; s < states; s++) {
            output[s] = out.get(s).isEmpty() ? none : out.get(s).stream().toArray();
        }
        for (int i = 0; i < next.length; i++) {
            if (output[next[i]].length != 0) {
                next[i] = ~next[i];
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /** Receives keyword hits. */
    interface HitSink {
        /**
         * A keyword of some rules ends at this index.
         *
         * @param rules the indices of the rules, ascending; the array is shared and must not be changed
         * @param end index of the keyword's last character
         */
        void hit(int[] rules, int end);
    }

    /**
     * Reports every keyword occurrence, in text order.
     *
     * @param text the text
     * @param sink the receiver
     */
    void scan(CharSequence text, HitSink sink) {
        if (text instanceof String string) {
            scanString(string, sink);
            return;
        }
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = step(state, text.charAt(i), i, sink);
        }
    }

    /** The same loop on a String, where {@code charAt} inlines. */
    private void scanString(String text, HitSink sink) {
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = step(state, text.charAt(i), i, sink);
        }
    }

    private int step(int state, char ch, int i, HitSink sink) {
        if (ch >= ALPHABET) {
            return 0;
        }
        int c = ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
        int target = next[(state << 7) + c];
        if (target >= 0) {
            return target;
        }
        target = ~target;
        sink.hit(output[target], i);
        return target;
    }
}
