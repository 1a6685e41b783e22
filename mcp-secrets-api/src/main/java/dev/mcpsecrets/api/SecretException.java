package dev.mcpsecrets.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A secret could not be had. The message names the reference and the reason, never a value.
 *
 * @since 0.1
 */
public class SecretException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the secret could not be had. */
    private final Reason reason;
    /** The reference text (never a value), or null when none applies. */
    private final String reference;

    /**
     * Creates an exception.
     *
     * @param reason why the secret could not be had
     * @param reference the reference text (never a value), or {@code null} when none applies
     * @param message a sentence for humans; must not contain a secret value
     */
    public SecretException(Reason reason, String reference, String message) {
        this(reason, reference, message, null);
    }

    /**
     * Creates an exception with a cause. The cause's message must not contain a secret value either.
     *
     * @param reason why the secret could not be had
     * @param reference the reference text (never a value), or {@code null} when none applies
     * @param message a sentence for humans; must not contain a secret value
     * @param cause the underlying failure, or {@code null}
     */
    public SecretException(Reason reason, String reference, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.reference = reference;
    }

    /**
     * Why the secret could not be had.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The reference that failed, when there is one.
     *
     * @return the reference text
     */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }
}
