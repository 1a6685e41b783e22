package dev.mcpsecrets.api;

/**
 * Why a secret could not be had. Callers and the CLI act on the reason, not on message text.
 *
 * @since 0.1
 */
public enum Reason {
    /** The backend works, but has no such secret. */
    NOT_FOUND,
    /** The store exists but is locked (keyring locked, 1Password signed out). */
    LOCKED,
    /** The backend needs a desktop session or a user prompt that this process cannot have. */
    HEADLESS,
    /** The backend or a safety rule refused access (permissions, file mode in production). */
    DENIED,
    /** The backend asked us to slow down. */
    RATE_LIMITED,
    /** The deadline passed before the backend answered. */
    TIMEOUT,
    /** The backend is missing or not usable on this machine. */
    UNAVAILABLE,
    /** The reference itself is wrong; retrying or falling back will not help. */
    MALFORMED
}
