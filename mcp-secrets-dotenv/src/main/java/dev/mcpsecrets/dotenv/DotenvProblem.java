package dev.mcpsecrets.dotenv;

import java.util.Objects;

/**
 * One problem found while parsing: where it is and what is wrong, never any part of a value.
 *
 * @param source the source name, e.g. a file path
 * @param line the 1-based line
 * @param column the 1-based column, counted in UTF-16 characters
 * @param severity whether the statement was dropped ({@link Severity#ERROR}) or kept ({@link Severity#WARNING})
 * @param description what is wrong
 * @since 0.1
 */
public record DotenvProblem(String source, int line, int column, Severity severity, String description) {

    /** How bad a problem is. */
    public enum Severity {
        /** The statement could not be parsed and was left out (strict parsing throws). */
        ERROR,
        /** The statement was kept but is probably a mistake, e.g. a key defined twice. */
        WARNING
    }

    /**
     * Validates the components.
     *
     * @param source the source name
     * @param line the 1-based line
     * @param column the 1-based column
     * @param severity the severity
     * @param description what is wrong
     */
    public DotenvProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
    }

    /**
     * The problem as {@code source:line:column: description}, the form compilers use.
     *
     * @return the formatted problem
     */
    public String message() {
        return source + ":" + line + ":" + column + ": " + description;
    }

    /**
     * The same problem as an exception, for strict parsing.
     *
     * @return a new exception
     */
    public DotenvParseException toException() {
        return new DotenvParseException(source, line, column, description);
    }
}
