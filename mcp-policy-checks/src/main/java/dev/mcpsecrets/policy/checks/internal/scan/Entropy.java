package dev.mcpsecrets.policy.checks.internal.scan;

/** Shannon entropy of a character sequence, the usual filter against words and placeholders. */
public final class Entropy {
    private Entropy() {
    }

    /**
     * Bits per character of a region.
     *
     * @param text the text
     * @param start first index
     * @param end index after the last
     * @return the entropy, 0 for an empty region
     */
    public static double shannon(CharSequence text, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return 0.0;
        }
        int[] counts = new int[128];
        java.util.Map<Character, Integer> others = null;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (others == null) {
                    others = new java.util.HashMap<>();
                }
                others.merge(c, 1, Integer::sum);
            }
        }
        double bits = 0;
        for (int count : counts) {
            bits += term(count, n);
        }
        if (others != null) {
            for (int count : others.values()) {
                bits += term(count, n);
            }
        }
        return bits;
    }

    /**
     * Bits per character of a whole text.
     *
     * @param text the text
     * @return the entropy
     */
    public static double shannon(CharSequence text) {
        return shannon(text, 0, text.length());
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0.0;
        }
        double p = (double) count / n;
        return -p * (Math.log(p) / Math.log(2));
    }

    /**
     * The share of a region's letters that stand in capitalised words of four or more letters
     * ({@code Customer}, {@code Address}): above 0.9 for CamelCase identifiers, about 0.3 for random
     * mixed-case tokens (an upper-case letter is followed by three lower-case ones one time in eight),
     * which exceed 0.75 less than once in 300.
     *
     * @param text the text
     * @param start first index
     * @param end index after the last
     * @return the share, 0 for a region without letters
     */
    public static double camelCaseShare(CharSequence text, int start, int end) {
        int letters = 0;
        int inWords = 0;
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                int j = i + 1;
                while (j < end && text.charAt(j) >= 'a' && text.charAt(j) <= 'z') {
                    j++;
                }
                letters += j - i;
                if (j - i >= 4) {
                    inWords += j - i;
                }
                i = j;
            } else {
                if (c >= 'a' && c <= 'z') {
                    letters++;
                }
                i++;
            }
        }
        return letters == 0 ? 0.0 : (double) inWords / letters;
    }

    /**
     * {@link #camelCaseShare(CharSequence, int, int)} of a whole text.
     *
     * @param text the text
     * @return the share
     */
    public static double camelCaseShare(CharSequence text) {
        return camelCaseShare(text, 0, text.length());
    }
}
