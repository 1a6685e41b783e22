package dev.mcpsecrets.api.internal.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file refused by {@link BoundedFiles}: not a regular file, or larger than its limit. The message
 * names the file and the limit, never any of its content.
 */
public final class FileLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the file was refused. */
    public enum Problem {
        /** A directory, named pipe, device or socket. */
        NOT_A_REGULAR_FILE,
        /** Larger than the limit for its kind. */
        TOO_LARGE
    }

    private final transient Path file;
    private final Problem problem;

    FileLimitException(Path file, Problem problem, String message) {
        super(message);
        this.file = file;
        this.problem = problem;
    }

    /**
     * The file.
     *
     * @return the file as it was named
     */
    public Path file() {
        return file;
    }

    /**
     * Why it was refused.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
