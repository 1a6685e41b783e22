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
    /** How deep defaults may nest ({@code ${A:-${B:-...}}}) before a reference is kept as written. */
    static final int MAX_NESTING = 32;
    private final Dialect dialect;
    private final Map<String, String> environment;
    private final UnaryOperator<String> defined;
    private final long budget;
    private long used;
    private boolean nestingExceeded;

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
        nestingExceeded = false;
        String result;
        if (!expand) {
            result = binding.value();
        } else if (dialect == Dialect.NODE) {
            result = NodeExpansion.expand(binding.value(), this::lookupNodeOrder, budget - used, () -> nestingExceeded = true);
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
     * Whether the last {@link #valueOf} kept a reference as written because its defaults nest deeper than
     * {@link #MAX_NESTING}.
     *
     * @return true when a reference was kept as written
     */
    public boolean nestingExceeded() {
        return nestingExceeded;
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
        Braces braces = Braces.of(v, literalDollars, false);
        StringBuilder out = new StringBuilder(v.length());
        return appendStandard(v, 0, v.length(), braces, 0, out) ? out.toString() : null;
    }

    /**
     * Appends {@code v[from, to)} with its references expanded: {@code ${NAME}}, and {@code ${NAME:-default}}
     * whose default is itself expanded (as in a POSIX shell and dotenv-expand), so {@code ${A:-${B:-c}}} gives
     * A, else B, else {@code c}. A reference nested deeper than {@link #MAX_NESTING} is kept as written, whole.
     *
     * @return false when the size cap is exceeded
     */
    private boolean appendStandard(String v, int from, int to, Braces braces, int depth, StringBuilder out) {
        int copied = from;
        for (int i = from; i + 1 < to; i++) {
            if (v.charAt(i) != '$' || v.charAt(i + 1) != '{') {
                continue;
            }
            int end = braces.endOf(i);
            if (end < 0 || end >= to) {
                continue;
            }
            int nameStart = i + 2;
            int j = nameStart;
            while (j < end && isStandardNameChar(v.charAt(j))) {
                j++;
            }
            boolean plain = j == end;
            boolean withDefault = j + 1 < end && v.charAt(j) == ':' && v.charAt(j + 1) == '-';
            if (j == nameStart || !(plain || withDefault)) {
                continue;
            }
            out.append(v, copied, i);
            String found = lookupStandardOrder(v.substring(nameStart, j));
            if (plain || (found != null && !found.isEmpty())) {
                out.append(found == null ? "" : found);
            } else if (depth >= MAX_NESTING) {
                nestingExceeded = true;
                out.append(v, i, end + 1);
            } else if (!appendStandard(v, j + 2, end, braces, depth + 1, out)) {
                return false;
            }
            if (used + out.length() > budget) {
                return false;
            }
            copied = end + 1;
            i = end;
        }
        out.append(v, copied, to);
        return used + out.length() <= budget;
    }

    private static boolean isStandardNameChar(char c) {
        return Syntax.isKeyChar(c);
    }
}
