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
}
