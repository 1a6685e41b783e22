package dev.mcpsecrets.dotenv;

import java.util.Arrays;

/**
 * Where each {@code ${...}} reference of a value ends: for each {@code ${} (not a {@code \$} of a double-quoted
 * value), in order, its position and the index of the {@code }} that closes it, counting the {@code ${} nested
 * in it, or -1. Found in one pass with a stack, so finding the end of every reference, nested or not, stays
 * linear; the arrays grow with the number of references, not with the length of the value.
 */
final class Braces {
    private final int[] starts;
    private final int[] ends;

    private Braces(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /**
     * Matches the references of a value.
     *
     * @param v the value
     * @param literalDollars positions of {@code $} that are literal (escaped), ascending, or {@code null}
     * @param bareBraceBreaks whether a {@code {} not after {@code $} makes every reference around it malformed
     *     (dotenv-expand's grammar: {@code ${X:-{x}} stays as written)
     * @return the references' ends
     */
    static Braces of(String v, int[] literalDollars, boolean bareBraceBreaks) {
        int n = v.length();
        int count = 0;
        for (int i = v.indexOf("${"); i >= 0; i = v.indexOf("${", i + 2)) {
            count++;
        }
        int[] starts = new int[count];
        int[] ends = new int[count];
        int[] stack = new int[count];
        int found = 0;
        int depth = 0;
        int nextLiteral = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c == '$' && i + 1 < n && v.charAt(i + 1) == '{') {
                while (literalDollars != null && nextLiteral < literalDollars.length
                        && literalDollars[nextLiteral] < i) {
                    nextLiteral++;
                }
                if (literalDollars != null && nextLiteral < literalDollars.length
                        && literalDollars[nextLiteral] == i) {
                    continue;
                }
                starts[found] = i;
                ends[found] = -1;
                stack[depth++] = found++;
                i++;
            } else if (c == '{' && bareBraceBreaks) {
                depth = 0; // every open reference stays unclosed (-1)
            } else if (c == '}' && depth > 0) {
                ends[stack[--depth]] = i;
            }
        }
        return new Braces(Arrays.copyOf(starts, found), ends);
    }

    /**
     * The index of the brace closing the reference that starts at {@code i}.
     *
     * @param i a position in the value
     * @return the index, or -1 when no reference starts at {@code i} or it is never closed
     */
    int endOf(int i) {
        int k = Arrays.binarySearch(starts, i);
        return k < 0 ? -1 : ends[k];
    }
}
