package dev.mcpsecrets.policy.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * Output formats of a {@link PolicyReport}.
 *
 * @since 0.1
 */
public enum ReportFormat {
    /** Text for humans, grouped by config file and server. */
    TEXT,
    /** JSON in the versioned schema documented in the module README. */
    JSON,
    /** SARIF 2.1.0 for code-scanning tools such as GitHub code scanning. */
    SARIF;

    /**
     * Parses a format name, case-insensitive.
     *
     * @param text {@code text}, {@code json} or {@code sarif}
     * @return the format
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ReportFormat parse(String text) {
        Objects.requireNonNull(text, "text");
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.strip())) {
                return f;
            }
        }
        // option text is never echoed: it may be a value typed in the wrong place
        throw new IllegalArgumentException("unknown report format (" + text.length() + " characters, not shown): "
                + "use text, json or sarif");
    }

    /**
     * The lowercase name.
     *
     * @return e.g. {@code sarif}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
