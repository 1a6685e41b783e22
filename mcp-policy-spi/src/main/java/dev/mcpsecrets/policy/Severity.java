package dev.mcpsecrets.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * How bad a {@link Finding} is, from {@link #INFO} to {@link #CRITICAL}. The order of the constants
 * is the order of severity, so {@code compareTo} and {@link #isAtLeast(Severity)} rank them.
 *
 * @since 0.1
 */
public enum Severity {
    /** Worth knowing; nothing to fix. */
    INFO(0.0, "note"),
    /** A weakness that is hard to exploit alone. */
    LOW(3.0, "note"),
    /** Should be fixed soon. */
    MEDIUM(5.5, "warning"),
    /** Fix before the server is exposed to real data. */
    HIGH(8.0, "error"),
    /** A secret or the whole machine is exposed now. */
    CRITICAL(9.5, "error");

    private final double securitySeverity;
    private final String sarifLevel;

    Severity(double securitySeverity, String sarifLevel) {
        this.securitySeverity = securitySeverity;
        this.sarifLevel = sarifLevel;
    }

    /**
     * The CVSS-like score GitHub code scanning reads from the SARIF rule property
     * {@code security-severity} (critical above 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).
     *
     * @return the score, 0.0 to 10.0
     */
    public double securitySeverity() {
        return securitySeverity;
    }

    /**
     * The SARIF result level: {@code note}, {@code warning} or {@code error}.
     *
     * @return the level
     */
    public String sarifLevel() {
        return sarifLevel;
    }

    /**
     * The lowercase name used in reports and configuration, e.g. {@code high}.
     *
     * @return the name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this severity reaches a threshold.
     *
     * @param threshold the threshold
     * @return {@code true} if this is as severe as the threshold or more
     */
    public boolean isAtLeast(Severity threshold) {
        return compareTo(Objects.requireNonNull(threshold, "threshold")) >= 0;
    }

    /**
     * Parses a severity name, case-insensitive.
     *
     * @param text {@code info}, {@code low}, {@code medium}, {@code high} or {@code critical}
     * @return the severity
     * @throws IllegalArgumentException naming the accepted values when the text is none of them
     */
    public static Severity parse(String text) {
        Objects.requireNonNull(text, "text");
        for (Severity s : values()) {
            if (s.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        // option text is never echoed: it may be a value typed in the wrong place
        throw new IllegalArgumentException("unknown severity (" + text.length() + " characters, not shown): "
                + "use info, low, medium, high or critical");
    }
}
