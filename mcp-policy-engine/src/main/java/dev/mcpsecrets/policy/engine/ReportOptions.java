package dev.mcpsecrets.policy.engine;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to render a report.
 *
 * @param colour whether the text report uses ANSI colours (only when asked: never by default)
 * @param docsBaseUrl where the rule docs are published; {@code <base><ID>.md} becomes the SARIF
 *     {@code helpUri} and is printed in text reports; {@code null} for none
 * @param sourceRoot the directory that file paths in SARIF are made relative to (the repository
 *     root, {@code %SRCROOT%}); {@code null} to write absolute file URIs only
 * @param home the home directory, shown as {@code ~} in text reports; {@code null} to show full paths
 * @since 0.1
 */
public record ReportOptions(boolean colour, URI docsBaseUrl, Path sourceRoot, Path home) {

    /** No colour, no docs URL, absolute paths. */
    public static final ReportOptions DEFAULTS = new ReportOptions(false, null, null, null);

    /**
     * Normalises the paths.
     *
     * @param colour whether to use colours
     * @param docsBaseUrl the docs base URL, or {@code null}
     * @param sourceRoot the source root, or {@code null}
     * @param home the home, or {@code null}
     */
    public ReportOptions {
        sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath().normalize();
        home = home == null ? null : home.toAbsolutePath().normalize();
    }

    /**
     * These options with colours on or off.
     *
     * @param value whether to use colours
     * @return new options
     */
    public ReportOptions withColour(boolean value) {
        return new ReportOptions(value, docsBaseUrl, sourceRoot, home);
    }

    /**
     * These options with a docs base URL, e.g.
     * {@code https://github.com/mcp-secrets/mcp-secrets/blob/main/mcp-policy/docs/rules/}.
     *
     * @param value the base URL (a trailing {@code /} is added when missing)
     * @return new options
     */
    public ReportOptions withDocsBaseUrl(URI value) {
        Objects.requireNonNull(value, "docsBaseUrl");
        URI base = value.toString().endsWith("/") ? value : URI.create(value + "/");
        return new ReportOptions(colour, base, sourceRoot, home);
    }

    /**
     * These options with a source root for relative SARIF paths.
     *
     * @param value the repository root
     * @return new options
     */
    public ReportOptions withSourceRoot(Path value) {
        return new ReportOptions(colour, docsBaseUrl, Objects.requireNonNull(value, "sourceRoot"), home);
    }

    /**
     * These options with a home directory shown as {@code ~}.
     *
     * @param value the home directory
     * @return new options
     */
    public ReportOptions withHome(Path value) {
        return new ReportOptions(colour, docsBaseUrl, sourceRoot, Objects.requireNonNull(value, "home"));
    }

    /**
     * The docs URL of a rule.
     *
     * @param ruleId the rule id
     * @return {@code <base><ID>.md}, or empty without a base URL
     */
    public Optional<URI> helpUri(String ruleId) {
        return Optional.ofNullable(docsBaseUrl).map(b -> b.resolve(ruleId + ".md"));
    }
}
