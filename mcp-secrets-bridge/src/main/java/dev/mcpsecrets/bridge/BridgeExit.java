package dev.mcpsecrets.bridge;

/**
 * How a bridge run ended, with the exit code {@code mcp-secrets bridge} gives for it. Each cause has
 * its own code so that a client's log (or a script) can tell a rejected credential from a server that
 * went away.
 *
 * @since 0.2.0
 */
public enum BridgeExit {
    /** The client closed the bridge's standard input: the normal end. */
    CLIENT_CLOSED(0),
    /** A secret a header refers to could not be had. */
    SECRET_UNAVAILABLE(1),
    /** Bad usage: a malformed header, reference or URL, an insecure URL, an untrusted or unreadable config. */
    USAGE(2),
    /** The remote server answered 401 or 403: it did not accept the credentials, also after re-resolving them. */
    CREDENTIALS_REJECTED(3),
    /**
     * The remote server could not be reached within the deadline, speaks neither transport, redirected to
     * another origin, or ended the session.
     */
    REMOTE_FAILED(4);

    private final int code;

    BridgeExit(int code) {
        this.code = code;
    }

    /**
     * The process exit code of {@code mcp-secrets bridge} for this outcome.
     *
     * @return 0 to 4
     */
    public int code() {
        return code;
    }
}
