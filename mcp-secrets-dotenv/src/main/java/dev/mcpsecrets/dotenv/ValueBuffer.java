package dev.mcpsecrets.dotenv;

import java.util.Arrays;

/**
 * The value being scanned: a slice of the input when nothing in it needs rewriting (the common case, no
 * copy), else built up from runs of the input and decoded escapes. Remembers where an escaped dollar sign
 * ({@code \$}) stands, so that expansion leaves it alone.
 */
final class ValueBuffer {
    private final StringBuilder built = new StringBuilder();
    private String slice;
    private int[] dollars;
    private int dollarCount;

    void reset() {
        built.setLength(0);
        slice = null;
        dollars = null;
        dollarCount = 0;
    }

    /** The whole value is this slice of the input. */
    void slice(String text, int from, int to) {
        slice = text.substring(from, to);
    }

    /** Appends a run of the input to the value being built. */
    void append(String text, int from, int to) {
        built.append(text, from, to);
    }

    void append(char c) {
        built.append(c);
    }

    String value() {
        return slice != null ? slice : built.toString();
    }

    int[] literalDollars() {
        return dollars == null ? null : Arrays.copyOf(dollars, dollarCount);
    }

    /**
     * Decodes the escape at {@code i} (a backslash followed by at least one character) of a double-quoted value.
     *
     * @param text the input
     * @param i the index of the backslash
     * @param node whether Node's rules apply (only {@code \n} and {@code \r} decoded)
     * @return the index after the escape
     */
    int escape(String text, int i, boolean node) {
        char next = text.charAt(i + 1);
        if (node) {
            switch (next) {
                case 'n': built.append('\n'); return i + 2;
                case 'r': built.append('\r'); return i + 2;
                case '"': case '\\': built.append('\\').append(next); return i + 2;
                default: built.append('\\'); return i + 1;
            }
        }
        switch (next) {
            case 'n': built.append('\n'); return i + 2;
            case 'r': built.append('\r'); return i + 2;
            case 't': built.append('\t'); return i + 2;
            case '"': case '\\': case '\'': built.append(next); return i + 2;
            case '$':
                literalDollar();
                return i + 2;
            default:
                // Unknown escapes keep their backslash, as python-dotenv does; the next character is read normally.
                built.append('\\');
                return i + 1;
        }
    }

    private void literalDollar() {
        if (dollars == null) {
            dollars = new int[4];
        } else if (dollarCount == dollars.length) {
            dollars = Arrays.copyOf(dollars, dollarCount * 2);
        }
        dollars[dollarCount++] = built.length();
        built.append('$');
    }
}
