package dev.mcpsecrets.bridge;

/**
 * The bridge could not start or had to stop. The message names what is wrong and where (a header's
 * name, a reference, an origin, an HTTP status), never a header's value.
 *
 * @since 0.2.0
 */
public final class BridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the bridge ends because of this failure; kept when the exception is serialised. */
    private final BridgeExit exit;

    /**
     * Creates the exception.
     *
     * @param exit how the bridge ends because of it
     * @param message what is wrong, without any secret value
     */
    public BridgeException(BridgeExit exit, String message) {
        super(message, null, false, false);
        this.exit = java.util.Objects.requireNonNull(exit, "exit");
    }

    /**
     * How the bridge ends because of this failure.
     *
     * @return the exit kind, with its process exit code
     */
    public BridgeExit exit() {
        return exit;
    }
}
