package dev.mcpsecrets.dotenv;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Expands {@code ${VAR}} references in values, in file order, from the keys defined so far and the
 * environment.
 *
 * <p>Expansion is single-pass (a substituted value is not expanded again), so it terminates on every
 * input; and the total size of all values is capped, so a file that doubles a value on every line
 * ({@code B=${A}${A}}, {@code C=${B}${B}}, ...) cannot exhaust memory.
 */
final class Expander {
    private final Dialect dialect;
    private final Map<String, String> environment;
    private final UnaryOperator<String> defined;
    private final long budget;
    private long used;

    /**
     * Creates an expander for one input.
     *
     * @param dialect the dialect
     * @param environment the environment variables to fall back on
     * @param inputLength the input length, which sets the size cap
     * @param defined the value of a key defined earlier in the input, or {@code null}
     */
    public Expander(Dialect dialect, Map<String, String> environment, int inputLength, UnaryOperator<String> defined) {
        this.dialect = dialect;
        this.environment = environment;
        this.defined = defined;
        this.budget = 8L * inputLength + (1 << 20);
    }

    /**
     * The final value of a statement. The caller records it so that {@code defined} finds it for the statements
     * after it.
     *
     * @param binding the statement
     * @param expand whether to expand references at all
     * @return the value, or {@code null} when expansion would exceed the size cap
     */
    public String valueOf(Binding binding, boolean expand) {
        String result;
        if (!expand) {
            result = binding.value();
        } else if (dialect == Dialect.NODE) {
            result = NodeExpansion.expand(binding.value(), this::lookupNodeOrder, budget - used);
        } else if (binding.quote() == Binding.Quote.SINGLE || binding.quote() == Binding.Quote.BACKTICK) {
            result = binding.value();
        } else {
            result = expandStandard(binding.value(), binding.literalDollars());
        }
        if (result == null || used + result.length() > budget) {
            return null;
        }
        used += result.length();
        return result;
    }

    /**
     * The size cap in characters for all values together.
     *
     * @return the cap
     */
    public long budget() {
        return budget;
    }

    private String lookupStandardOrder(String name) {
        String value = defined.apply(name);
        return value != null ? value : environment.get(name);
    }

    private String lookupNodeOrder(String name) {
        String value = environment.get(name);
        return value != null ? value : defined.apply(name);
    }

    private String expandStandard(String v, int[] literalDollars) {
        if (v.indexOf("${") < 0) {
            return v;
        }
        int n = v.length();
        int nextLiteral = 0;
        int noBraceFrom = Integer.MAX_VALUE;
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            if (v.charAt(i) != '$' || i + 1 >= n || v.charAt(i + 1) != '{') {
                continue;
            }
            while (literalDollars != null && nextLiteral < literalDollars.length && literalDollars[nextLiteral] < i) {
                nextLiteral++;
            }
            if (literalDollars != null && nextLiteral < literalDollars.length && literalDollars[nextLiteral] == i) {
                continue;
            }
            int nameStart = i + 2;
            int j = nameStart;
            while (j < n && isStandardNameChar(v.charAt(j))) {
                j++;
            }
            if (j == nameStart || j >= n) {
                continue;
            }
            String name = v.substring(nameStart, j);
            String replacement;
            int end;
            if (v.charAt(j) == '}') {
                String found = lookupStandardOrder(name);
                replacement = found == null ? "" : found;
                end = j + 1;
            } else if (v.charAt(j) == ':' && j + 1 < n && v.charAt(j + 1) == '-') {
                int close = j + 2 >= noBraceFrom ? -1 : v.indexOf('}', j + 2);
                if (close < 0) {
                    noBraceFrom = Math.min(noBraceFrom, j + 2);
                    continue;
                }
                String found = lookupStandardOrder(name);
                replacement = found == null || found.isEmpty() ? v.substring(j + 2, close) : found;
                end = close + 1;
            } else {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + replacement.length());
            }
            if (used + out.length() + (i - copied) + replacement.length() > budget) {
                return null;
            }
            out.append(v, copied, i).append(replacement);
            copied = end;
            i = end - 1;
        }
        if (out == null) {
            return v;
        }
        return out.append(v, copied, n).toString();
    }

    private static boolean isStandardNameChar(char c) {
        return Syntax.isKeyChar(c);
    }
}
