package dev.mcpsecrets.policy.checks.internal.logs;

import java.util.Objects;

/**
 * One secret found in a log: where, what kind, and its keyed fingerprint. Never the value.
 *
 * @param line the line of its first byte (from 1)
 * @param column the byte column of its first byte (from 1)
 * @param source a known format, or the value of one of the user's references
 * @param kind for people: {@code GitHub token}, or {@code value of keychain:github}
 * @param label for the {@code [REDACTED:<label>]} marker: a rule id or the reference
 * @param fingerprint the short keyed fingerprint, e.g. {@code hmac:3f9a0c12}
 */
public record Leak(long line, long column, Source source, String kind, String label, String fingerprint) {

    /** How the secret was recognised. */
    public enum Source {
        /** A known token format (the shared secret scanner's rules). */
        FORMAT,
        /** The value of one of the user's own references. */
        VALUE
    }

    /**
     * Validates the parts.
     *
     * @param line the line
     * @param column the column
     * @param source the source
     * @param kind the kind
     * @param label the label
     * @param fingerprint the fingerprint
     */
    public Leak {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
