package dev.mcpsecrets.policy;

import dev.mcpsecrets.policy.source.Location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One problem a {@link PolicyCheck} found. Immutable; build one with {@link #builder(String, Severity)}.
 *
 * <p>No part of a finding may contain a secret value: describe values with {@link ValueShape} and
 * compare them with {@link KeyedFingerprinter}. The {@link #fingerprint()} identifies the finding
 * across runs (for baselines, suppressions and SARIF {@code partialFingerprints}); it is derived
 * from the rule id, the file, the JSON pointer (or, without one, the line) and an optional
 * non-secret hint, so it survives unrelated edits that move lines.
 *
 * @param ruleId stable rule id such as {@code MCP-FS-001}
 * @param severity how bad it is
 * @param title one short line naming the problem, the same for every finding of the rule
 * @param message what is wrong here, naming the server, file or variable (never a value)
 * @param location where it is
 * @param remediation how to fix it, ideally a command or the corrected config snippet
 * @param help longer help text (Markdown) of the rule, from {@code docs/rules/<ID>.md}; may be empty
 * @param fingerprint 32 lowercase hex digits, stable across runs
 * @since 0.1
 */
public record Finding(String ruleId, Severity severity, String title, String message, Location location,
        String remediation, String help, String fingerprint) {

    /** Rule ids: upper-case words joined by '-', e.g. {@code MCP-FS-001} or {@code ACME-DB-2}. */
    public static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{32}");

    /**
     * Validates the parts.
     *
     * @param ruleId matches {@link #RULE_ID}
     * @param severity the severity
     * @param title non-blank
     * @param message non-blank
     * @param location the location ({@link Location#NONE} if none)
     * @param remediation may be empty
     * @param help may be empty
     * @param fingerprint 32 lowercase hex digits
     */
    public Finding {
        requireRuleId(ruleId);
        Objects.requireNonNull(severity, "severity");
        requireText(title, "title");
        requireText(message, "message");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(help, "help");
        if (!FINGERPRINT.matcher(Objects.requireNonNull(fingerprint, "fingerprint")).matches()) {
            throw new IllegalArgumentException("a fingerprint is 32 lowercase hex digits");
        }
    }

    /**
     * Starts a finding.
     *
     * @param ruleId the rule id, matching {@link #RULE_ID}
     * @param severity the severity
     * @return a builder
     */
    public static Builder builder(String ruleId, Severity severity) {
        return new Builder(requireRuleId(ruleId), Objects.requireNonNull(severity, "severity"));
    }

    /**
     * This finding with the help text filled in (the engine does this from the rule docs).
     *
     * @param helpText the help text
     * @return a new finding
     */
    public Finding withHelp(String helpText) {
        return new Finding(ruleId, severity, title, message, location, remediation, helpText, fingerprint);
    }

    /**
     * This finding at another severity, e.g. raised by the profile.
     *
     * @param newSeverity the severity
     * @return a new finding with the same fingerprint
     */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, title, message, location, remediation, help, fingerprint);
    }

    static String requireRuleId(String ruleId) {
        if (!RULE_ID.matcher(Objects.requireNonNull(ruleId, "ruleId")).matches()) {
            throw new IllegalArgumentException("invalid rule id '" + ruleId
                    + "': use upper-case words joined by '-', e.g. MCP-FS-001");
        }
        return ruleId;
    }

    private static void requireText(String text, String what) {
        if (Objects.requireNonNull(text, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /**
     * Builds a {@link Finding}. Title and message are required; the rest defaults to empty.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String ruleId;
        private final Severity severity;
        private String title;
        private String message;
        private Location location = Location.NONE;
        private String remediation = "";
        private String help = "";
        private String fingerprintHint = "";

        private Builder(String ruleId, Severity severity) {
            this.ruleId = ruleId;
            this.severity = severity;
        }

        /**
         * The title: one short line, the same for every finding of the rule.
         *
         * @param text the title
         * @return this builder
         */
        public Builder title(String text) {
            this.title = Objects.requireNonNull(text, "title");
            return this;
        }

        /**
         * The message: what is wrong at this location (never a secret value).
         *
         * @param text the message
         * @return this builder
         */
        public Builder message(String text) {
            this.message = Objects.requireNonNull(text, "message");
            return this;
        }

        /**
         * The location.
         *
         * @param where the location
         * @return this builder
         */
        public Builder location(Location where) {
            this.location = Objects.requireNonNull(where, "location");
            return this;
        }

        /**
         * How to fix it.
         *
         * @param text a command or corrected snippet (never a secret value)
         * @return this builder
         */
        public Builder remediation(String text) {
            this.remediation = Objects.requireNonNull(text, "remediation");
            return this;
        }

        /**
         * Help text; normally left out, the engine fills it from {@code docs/rules/<ID>.md}.
         *
         * @param text Markdown help
         * @return this builder
         */
        public Builder help(String text) {
            this.help = Objects.requireNonNull(text, "help");
            return this;
        }

        /**
         * A non-secret text that tells apart findings of the same rule at the same place, e.g. a
         * variable name, a commit id, or a {@link KeyedFingerprinter} fingerprint. When given, the
         * line number no longer takes part in the fingerprint of a finding without a JSON pointer.
         *
         * @param hint the hint, never a secret value
         * @return this builder
         */
        public Builder fingerprintHint(String hint) {
            this.fingerprintHint = Objects.requireNonNull(hint, "hint");
            return this;
        }

        /**
         * Builds the finding.
         *
         * @return the finding
         * @throws IllegalArgumentException if title or message is missing or blank
         */
        public Finding build() {
            if (title == null || message == null) {
                throw new IllegalArgumentException("a finding of " + ruleId + " needs a title and a message");
            }
            return new Finding(ruleId, severity, title, message, location, remediation, help, computeFingerprint());
        }

        private String computeFingerprint() {
            StringBuilder key = new StringBuilder(ruleId).append('\0');
            location.optionalFile().ifPresent(f -> key.append(f.toString().replace('\\', '/')));
            key.append('\0');
            if (location.jsonPointer() != null) {
                key.append('#').append(location.jsonPointer());
            } else if (fingerprintHint.isEmpty() && location.line() > 0) {
                key.append('@').append(location.line());
            }
            key.append('\0').append(fingerprintHint);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by the Java platform", e);
            }
        }
    }
}
