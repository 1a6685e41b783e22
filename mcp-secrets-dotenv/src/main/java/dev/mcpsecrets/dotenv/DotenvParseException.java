package dev.mcpsecrets.dotenv;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@code .env} input that the parser rejects. The message names the source, line and column and says
 * what is wrong; it never contains any part of a value (nor of a malformed line, which may be a secret).
 *
 * @since 0.1
 */
public class DotenvParseException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The source name, e.g. a file path. */
    private final String source;
    /** 1-based line. */
    private final int line;
    /** 1-based column, counted in UTF-16 characters. */
    private final int column;
    /** What is wrong, without any content of the input. */
    private final String description;

    /**
     * Creates the exception.
     *
     * @param source the source name, e.g. a file path
     * @param line the 1-based line
     * @param column the 1-based column
     * @param description what is wrong; must not contain any part of the input's values
     */
    public DotenvParseException(String source, int line, int column, String description) {
        super(Objects.requireNonNull(source, "source") + ":" + line + ":" + column + ": "
                + Objects.requireNonNull(description, "description"));
        this.source = source;
        this.line = line;
        this.column = column;
        this.description = description;
    }

    /**
     * The source name given to the parser, e.g. a file path.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based line of the problem.
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * The 1-based column of the problem, counted in UTF-16 characters.
     *
     * @return the column
     */
    public int column() {
        return column;
    }

    /**
     * What is wrong, e.g. {@code "unterminated double quote opened at line 12 column 5"}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
