package dev.mcpsecrets.policy.checks.internal.scan;

import java.util.Objects;

/**
 * Where a secret was found in a scanned text. Holds offsets only, never the characters: callers
 * that need the value (to fingerprint it) take it from their own text with {@link #value}.
 *
 * @param rule the rule that matched
 * @param start index of the secret's first character
 * @param end index after its last character
 */
public record SecretMatch(SecretRule rule, int start, int end) {

    /**
     * Validates the parts.
     *
     * @param rule the rule
     * @param start the start
     * @param end the end
     */
    public SecretMatch {
        Objects.requireNonNull(rule, "rule");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /**
     * The secret's characters in the text that was scanned.
     *
     * @param scanned the same text given to the scanner
     * @return the secret
     */
    public String value(CharSequence scanned) {
        return scanned.subSequence(start, end).toString();
    }

    /**
     * The secret's length.
     *
     * @return the number of characters
     */
    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        return "SecretMatch[" + rule.id() + " at " + start + ".." + end + "]";
    }
}
