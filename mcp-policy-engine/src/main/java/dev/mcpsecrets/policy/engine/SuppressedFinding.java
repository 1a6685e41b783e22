package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;

import java.util.Objects;

/**
 * A finding that a suppression hid, kept in the report so the decision stays visible.
 *
 * @param finding the finding
 * @param suppression the suppression that matched it
 * @since 0.1
 */
public record SuppressedFinding(Finding finding, Suppression suppression) {
    /**
     * Validates the parts.
     *
     * @param finding the finding
     * @param suppression the suppression
     */
    public SuppressedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(suppression, "suppression");
    }
}
