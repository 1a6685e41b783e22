package dev.mcpsecrets.cli;

/** A failure with its exit code and one line for stderr (never a value, never a stack trace). */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
