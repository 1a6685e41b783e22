package dev.mcpsecrets.bridge.internal;

/**
 * Why the bridge cannot start or go on. The message names headers, references, origins and HTTP
 * statuses, never a header's value. {@code McpBridge} turns it into the public {@code BridgeException}.
 */
public final class BridgeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, one per exit code of the command. */
    public enum Kind {
        /** A secret a header refers to could not be had. */
        SECRET_UNAVAILABLE,
        /** A malformed or insecure URL or header. */
        USAGE,
        /** The server answered 401 or 403, also after the references were resolved again. */
        CREDENTIALS_REJECTED,
        /** The server could not be reached, speaks no MCP transport, redirected elsewhere or ended the session. */
        REMOTE_FAILED
    }

    private final Kind kind;

    BridgeFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /** What kind of failure this is. */
    public Kind kind() {
        return kind;
    }
}
