package dev.mcpsecrets.dotenv;

import java.util.function.UnaryOperator;

/**
 * Expansion as {@code dotenv-expand} 1000.x does it (and a POSIX shell): {@code $VAR} and {@code ${VAR}} with the
 * operators {@code :-} and {@code :+} (an empty value counts as unset) and {@code -} and {@code +} (only an unset
 * variable counts as unset: {@code ${VAR-default}} with {@code VAR=} is empty, {@code ${VAR+alt}} is
 * {@code alt}); the word after an operator is itself expanded, so defaults nest ({@code ${A:-${B:-c}}}).
 * {@code \$} protects a dollar sign and is turned into {@code $} at the end. A reference whose braces hold a bare
 * {@code {} is kept as written, as dotenv-expand does.
 */
final class NodeExpansion {
    /**
     * Expands one value.
     *
     * @param v the value
     * @param lookup a variable's value, or {@code null} when it is unset
     * @param budgetLeft the most characters the result may have
     * @param tooDeep called when a reference was kept as written because its defaults nest deeper than
     *     {@link Expander#MAX_NESTING}
     * @return the expanded value, or {@code null} when it would exceed {@code budgetLeft}
     */
    static String expand(String v, UnaryOperator<String> lookup, long budgetLeft, Runnable tooDeep) {
        StringBuilder out = new StringBuilder(v.length());
        Braces braces = v.contains("${") ? Braces.of(v, null, true) : null;
        return new NodeExpansion(v, braces, lookup, budgetLeft, tooDeep).append(0, v.length(), 0, out)
                ? out.toString() : null;
    }

    private final String v;
    private final Braces braces;
    private final UnaryOperator<String> lookup;
    private final long budgetLeft;
    private final Runnable tooDeep;

    private NodeExpansion(String v, Braces braces, UnaryOperator<String> lookup, long budgetLeft, Runnable tooDeep) {
        this.v = v;
        this.braces = braces;
        this.lookup = lookup;
        this.budgetLeft = budgetLeft;
        this.tooDeep = tooDeep;
    }

    /** Appends {@code v[from, to)} expanded; false when the budget ran out. */
    private boolean append(int from, int to, int depth, StringBuilder out) {
        int i = from;
        while (i < to) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < to && v.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (c != '$' || i + 1 >= to) {
                out.append(c);
                i++;
                continue;
            }
            int end;
            if (v.charAt(i + 1) == '{') {
                int close = braces.endOf(i);
                if (close < 0 || close >= to || close == i + 2) {
                    out.append(c);
                    i++;
                    continue;
                }
                if (!substituteBraced(i + 2, close, depth, out)) {
                    tooDeep.run();
                    out.append(v, i, close + 1);
                }
                end = close + 1;
            } else if (isNameStart(v.charAt(i + 1))) {
                end = i + 2;
                while (end < to && (isNameStart(v.charAt(end)) || (v.charAt(end) >= '0' && v.charAt(end) <= '9'))) {
                    end++;
                }
                String found = lookup.apply(v.substring(i + 1, end));
                out.append(found == null ? "" : found);
            } else {
                out.append(c);
                i++;
                continue;
            }
            if (out.length() > budgetLeft) {
                return false;
            }
            i = end;
        }
        return out.length() <= budgetLeft;
    }

    /**
     * Appends the value of the reference whose expression is {@code v[from, to)}. When the budget runs out the
     * caller sees it from the length of {@code out}.
     *
     * @return false, with nothing appended, when its default nests deeper than {@link Expander#MAX_NESTING}
     */
    private boolean substituteBraced(int from, int to, int depth, StringBuilder out) {
        int op = operatorIndex(from, to);
        if (op < 0) {
            String found = lookup.apply(v.substring(from, to));
            out.append(found == null ? "" : found);
            return true;
        }
        boolean colon = v.charAt(op) == ':';
        char kind = v.charAt(colon ? op + 1 : op);
        int word = op + (colon ? 2 : 1);
        String found = lookup.apply(v.substring(from, op));
        boolean set = found != null && (!colon || !found.isEmpty());
        if (kind == '+' ? !set : set) {
            out.append(kind == '+' ? "" : found);
            return true;
        }
        if (depth >= Expander.MAX_NESTING) {
            return false;
        }
        append(word, to, depth + 1, out);
        return true;
    }

    /** The first of {@code :+ + :- -} in the expression, as the reference implementation's regex finds it. */
    private int operatorIndex(int from, int to) {
        for (int k = from; k < to; k++) {
            char c = v.charAt(k);
            if (c == '+' || c == '-') {
                return k;
            }
            if (c == ':' && k + 1 < to && (v.charAt(k + 1) == '+' || v.charAt(k + 1) == '-')) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }
}
