package dev.mcpsecrets.dotenv;

import java.util.function.UnaryOperator;

/**
 * Expansion as {@code dotenv-expand} does it: {@code $VAR} and {@code ${VAR}} with the operators
 * {@code :-}, {@code -}, {@code :+} and {@code +} (an empty value counts as unset for all four),
 * {@code \$} protects a dollar sign and is turned into {@code $} at the end.
 */
final class NodeExpansion {
    private NodeExpansion() {
    }

    static String expand(String v, UnaryOperator<String> lookup, long budgetLeft) {
        int n = v.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < n && v.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int end = c == '$' ? referenceEnd(v, i) : -1;
            if (end < 0) {
                out.append(c);
                i++;
                continue;
            }
            out.append(substitute(v, i, end, lookup));
            if (out.length() > budgetLeft) {
                return null;
            }
            i = end;
        }
        return out.toString();
    }

    /** The index after a reference starting at {@code i}, or -1 when no reference starts there. */
    private static int referenceEnd(String v, int i) {
        int n = v.length();
        if (i + 1 >= n) {
            return -1;
        }
        char next = v.charAt(i + 1);
        if (next == '{') {
            for (int j = i + 2; j < n; j++) {
                char c = v.charAt(j);
                if (c == '}') {
                    return j > i + 2 ? j + 1 : -1;
                }
                if (c == '{') {
                    return -1;
                }
            }
            return -1;
        }
        if (!isNameStart(next)) {
            return -1;
        }
        int j = i + 2;
        while (j < n && (isNameStart(v.charAt(j)) || (v.charAt(j) >= '0' && v.charAt(j) <= '9'))) {
            j++;
        }
        return j;
    }

    private static String substitute(String v, int start, int end, UnaryOperator<String> lookup) {
        if (v.charAt(start + 1) != '{') {
            String found = lookup.apply(v.substring(start + 1, end));
            return found == null ? "" : found;
        }
        String expression = v.substring(start + 2, end - 1);
        int op = operatorIndex(expression);
        if (op < 0) {
            String found = lookup.apply(expression);
            return found == null ? "" : found;
        }
        boolean colon = expression.charAt(op) == ':';
        char kind = expression.charAt(colon ? op + 1 : op);
        String name = expression.substring(0, op);
        String word = expression.substring(op + (colon ? 2 : 1));
        String found = lookup.apply(name);
        boolean set = found != null && !found.isEmpty();
        if (kind == '+') {
            return set ? word : "";
        }
        return set ? found : word;
    }

    /** The first of {@code :+ + :- -} in the expression, as the reference implementation's regex finds it. */
    private static int operatorIndex(String expression) {
        for (int k = 0; k < expression.length(); k++) {
            char c = expression.charAt(k);
            if (c == '+' || c == '-') {
                return k;
            }
            if (c == ':' && k + 1 < expression.length()
                    && (expression.charAt(k + 1) == '+' || expression.charAt(k + 1) == '-')) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }
}
