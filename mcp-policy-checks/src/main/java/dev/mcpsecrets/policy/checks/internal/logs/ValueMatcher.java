package dev.mcpsecrets.policy.checks.internal.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An Aho-Corasick automaton over bytes: one pass over a buffer finds every occurrence of every pattern
 * (the UTF-8 bytes of the user's own secret values, as written and JSON-escaped), so searching a log for
 * fifty values costs what searching it for one does. The automaton is built from the values and so holds
 * them in its tables: {@link #close()} zeroes every table, and a closed matcher matches nothing.
 */
public final class ValueMatcher implements AutoCloseable {
    /** Longest pattern searched; a value longer than this is left out (see {@link LeakScanner#OVERLAP}). */
    public static final int MAX_PATTERN_BYTES = 4096;
    private static final int ALPHABET = 256;

    /** {@code next[state * 256 + b]}; a target with output is stored complemented, as in the keyword index. */
    private int[] next;
    /** Per state, the pattern that ends here (the longest one), or -1. */
    private int[] output;
    /** Per state, its depth (the length of the pattern that ends here). */
    private int[] depth;
    /** Per state, the longest proper suffix state with output, or -1 (to report overlapping patterns). */
    private int[] outputLink;
    private final int patterns;

    /**
     * Builds the automaton. The caller keeps (and wipes) its arrays; they are not kept here.
     *
     * @param values the patterns, each 1..{@value #MAX_PATTERN_BYTES} bytes; index i is reported as i
     */
    public ValueMatcher(List<byte[]> values) {
        Objects.requireNonNull(values, "values");
        this.patterns = values.size();
        List<int[]> trie = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        trie.add(newRow());
        out.add(-1);
        depths.add(0);
        for (int p = 0; p < values.size(); p++) {
            byte[] v = values.get(p);
            if (v.length == 0 || v.length > MAX_PATTERN_BYTES) {
                throw new IllegalArgumentException("pattern " + p + " has " + v.length + " bytes; 1.."
                        + MAX_PATTERN_BYTES + " are searched");
            }
            int state = 0;
            for (byte b : v) {
                int c = b & 0xff;
                if (trie.get(state)[c] < 0) {
                    trie.get(state)[c] = trie.size();
                    trie.add(newRow());
                    out.add(-1);
                    depths.add(depths.get(state) + 1);
                }
                state = trie.get(state)[c];
            }
            if (out.get(state) < 0) {
                out.set(state, p);
            }
        }
        int states = trie.size();
        next = new int[states * ALPHABET];
        output = new int[states];
        depth = new int[states];
        outputLink = new int[states];
        for (int s = 0; s < states; s++) {
            output[s] = out.get(s);
            depth[s] = depths.get(s);
        }
        int[] fail = new int[states];
        Arrays.fill(outputLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int child = trie.get(0)[c];
            next[c] = Math.max(child, 0);
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int f = fail[s];
            outputLink[s] = output[f] >= 0 ? f : outputLink[f];
            for (int c = 0; c < ALPHABET; c++) {
                int child = trie.get(s)[c];
                if (child > 0) {
                    fail[child] = next[f * ALPHABET + c];
                    next[s * ALPHABET + c] = child;
                    queue.add(child);
                } else {
                    next[s * ALPHABET + c] = next[f * ALPHABET + c];
                }
            }
        }
        for (int i = 0; i < next.length; i++) {
            int t = next[i];
            if (output[t] >= 0 || outputLink[t] >= 0) {
                next[i] = ~t;
            }
        }
        for (int[] row : trie) {
            Arrays.fill(row, 0);
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /** Receives matches. */
    public interface Sink {
        /**
         * A pattern occurs at {@code [start, end)}.
         *
         * @param pattern the pattern's index
         * @param start first byte
         * @param end byte after the last
         */
        void match(int pattern, int start, int end);
    }

    /**
     * The number of patterns.
     *
     * @return the count given to the constructor
     */
    public int patterns() {
        return patterns;
    }

    /**
     * Reports every occurrence in {@code buffer[from, to)}, in the order their ends are reached.
     *
     * @param buffer the bytes
     * @param from first index
     * @param to index after the last
     * @param sink the receiver
     */
    public void scan(byte[] buffer, int from, int to, Sink sink) {
        int[] table = next;
        if (table == null) {
            return;
        }
        int state = 0;
        for (int i = from; i < to; i++) {
            int target = table[(state << 8) + (buffer[i] & 0xff)];
            if (target >= 0) {
                state = target;
                continue;
            }
            state = ~target;
            for (int s = output[state] >= 0 ? state : outputLink[state]; s >= 0; s = outputLink[s]) {
                sink.match(output[s], i + 1 - depth[s], i + 1);
            }
        }
    }

    /** Zeroes the tables, which spell out the values; the matcher then finds nothing. */
    @Override
    public void close() {
        if (next != null) {
            Arrays.fill(next, 0);
            Arrays.fill(output, 0);
            Arrays.fill(depth, 0);
            Arrays.fill(outputLink, 0);
            next = null;
        }
    }

    @Override
    public String toString() {
        return "ValueMatcher[" + patterns + " patterns" + (next == null ? ", closed" : "") + "]";
    }
}
