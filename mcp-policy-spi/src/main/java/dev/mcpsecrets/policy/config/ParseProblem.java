package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.policy.source.Location;
import java.util.Objects;

/**
 * Something wrong with a config file's syntax, with its position. Messages never quote the file's
 * text beyond JSON punctuation, since the text may hold secrets.
 *
 * @param kind what kind of problem
 * @param location where (file, line, column)
 * @param message what is wrong, for humans
 * @since 0.1
 */
public record ParseProblem(Kind kind, Location location, String message) {

    /** Kinds of problems. */
    public enum Kind {
        /** Not JSON at all from this position on; nothing after it was read. */
        SYNTAX_ERROR,
        /** A comment in a dialect that does not accept comments. */
        COMMENT,
        /** A trailing comma in a dialect that does not accept them. */
        TRAILING_COMMA,
        /** A member name given twice in one object; the last one wins. */
        DUPLICATE_KEY,
        /** The file could not be read (permissions, not a regular file, I/O error). */
        UNREADABLE,
        /** The file is larger than the reader accepts, or has more values (or longer names nested deeper) than it indexes. */
        TOO_LARGE
    }

    /**
     * Validates the parts.
     *
     * @param kind the kind
     * @param location the location
     * @param message the message
     */
    public ParseProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Whether the client would refuse the file because of this problem.
     *
     * @return {@code true} for everything but duplicate keys
     */
    public boolean isFatalForClient() {
        return kind != Kind.DUPLICATE_KEY;
    }
}
