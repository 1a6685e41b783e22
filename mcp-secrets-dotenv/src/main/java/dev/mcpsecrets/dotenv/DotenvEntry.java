package dev.mcpsecrets.dotenv;

import dev.mcpsecrets.api.Secret;
import java.util.Objects;

/**
 * One {@code KEY=VALUE} definition of a parsed {@code .env} input, with its value already unquoted and
 * expanded. {@link #toString()} never shows the value.
 *
 * @since 0.1
 */
public final class DotenvEntry {
    private final String key;
    private final String value;
    private final int line;
    private final int column;

    /**
     * Creates an entry.
     *
     * @param key the key
     * @param value the final value
     * @param line the 1-based line of the key
     * @param column the 1-based column of the key
     */
    public DotenvEntry(String key, String value, int line, int column) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
        this.line = line;
        this.column = column;
    }

    /**
     * The key (variable name).
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * The value as a new {@link Secret}; each call returns an independent copy that the caller may destroy.
     *
     * @return the value
     */
    public Secret value() {
        return Secret.of(value);
    }

    /**
     * The length of the value in UTF-16 characters, without revealing it.
     *
     * @return the length
     */
    public int valueLength() {
        return value.length();
    }

    /**
     * The 1-based line where the key stands.
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * The 1-based column where the key starts.
     *
     * @return the column
     */
    public int column() {
        return column;
    }

    /** The value itself, for the parser's expansion of later statements; not exported. */
    String raw() {
        return value;
    }

    @Override
    public String toString() {
        return "DotenvEntry[" + key + "=****, line " + line + "]";
    }
}
