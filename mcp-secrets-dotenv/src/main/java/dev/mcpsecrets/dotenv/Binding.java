package dev.mcpsecrets.dotenv;

/**
 * One {@code KEY=VALUE} statement as scanned, before expansion, with the offsets the writer needs to
 * replace or remove it while keeping the rest of the file as it is.
 *
 * @param key the key
 * @param value the unquoted value, before expansion
 * @param quote how the value was written
 * @param literalDollars positions in {@code value} of escaped dollar signs that expansion must leave alone
 * @param line the 1-based line of the key
 * @param column the 1-based column of the key
 * @param lineStart offset of the start of the statement's first line
 * @param keyStart offset of the key
 * @param valueEnd offset just after the value (after its closing quote)
 * @param statementEnd offset just after the statement's line end (or the end of input)
 */
record Binding(String key, String value, Quote quote, int[] literalDollars, int line, int column,
                      int lineStart, int keyStart, int valueEnd, int statementEnd) {

    /** How a value was written. */
    public enum Quote {
        /** Not quoted. */
        NONE,
        /** {@code 'single'}. */
        SINGLE,
        /** {@code "double"}. */
        DOUBLE,
        /** {@code `backtick`}. */
        BACKTICK
    }

    @Override
    public String toString() {
        return "Binding[" + key + "=****, line " + line + "]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
