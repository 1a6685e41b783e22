package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.Location;

import dev.mcpsecrets.policy.engine.internal.GlobPattern;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A decision to accept findings: which rule, where, why, and until when.
 *
 * <p>The rule pattern is a rule id, where {@code *} matches any characters ({@code MCP-FS-*}). The
 * location pattern is a glob over the finding's file path, optionally followed by {@code #} and a
 * glob over its JSON pointer: {@code *} matches within one path segment, {@code **} across segments,
 * {@code ?} one character. A leading {@code ~/} is the home directory; a relative pattern is relative
 * to the working directory. {@code **} alone matches everything, including findings without a file.
 *
 * @param rulePattern e.g. {@code MCP-FS-001} or {@code MCP-SEC-*}
 * @param locationPattern e.g. {@code ~/.cursor/mcp.json#/mcpServers/filesystem/**}
 * @param reason why the finding is accepted (required, shown in reports)
 * @param expires the last day the suppression applies, or {@code null} for no expiry
 * @param definedAt where the suppression is written (for the finding when it has expired)
 * @since 0.1
 */
public record Suppression(String rulePattern, String locationPattern, String reason, LocalDate expires,
        Location definedAt) {

    /**
     * Validates the parts.
     *
     * @param rulePattern the rule pattern
     * @param locationPattern the location pattern
     * @param reason the reason, not blank
     * @param expires the expiry, or {@code null}
     * @param definedAt where it is defined
     */
    public Suppression {
        Objects.requireNonNull(rulePattern, "rulePattern");
        Objects.requireNonNull(locationPattern, "locationPattern");
        if (Objects.requireNonNull(reason, "reason").isBlank()) {
            throw new IllegalArgumentException("a suppression needs a reason");
        }
        if (rulePattern.isBlank() || locationPattern.isBlank()) {
            throw new IllegalArgumentException("a suppression needs a rule and a location pattern");
        }
        Objects.requireNonNull(definedAt, "definedAt");
    }

    /**
     * The expiry date.
     *
     * @return the last day it applies, or empty
     */
    public Optional<LocalDate> optionalExpires() {
        return Optional.ofNullable(expires);
    }

    /**
     * Whether it has expired.
     *
     * @param today the current date
     * @return {@code true} if {@code today} is after the expiry date
     */
    public boolean isExpired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /**
     * Whether it covers a finding (regardless of expiry).
     *
     * @param finding the finding
     * @param files the file-system view that resolves {@code ~/} and relative patterns
     * @return {@code true} if rule and location match
     */
    public boolean matches(Finding finding, FileSystemView files) {
        Pattern rule = Pattern.compile(GlobPattern.toRegex(rulePattern, false));
        if (!rule.matcher(finding.ruleId()).matches()) {
            return false;
        }
        if (locationPattern.equals("**")) {
            return true;
        }
        if (finding.location().file() == null) {
            return false;
        }
        String path = finding.location().file().toAbsolutePath().normalize().toString().replace('\\', '/');
        int hash = locationPattern.indexOf('#');
        String pathPattern = absolute(hash < 0 ? locationPattern : locationPattern.substring(0, hash), files);
        if (!Pattern.compile(GlobPattern.toRegex(pathPattern, true)).matcher(path).matches()) {
            return false;
        }
        if (hash < 0) {
            return true;
        }
        String pointer = finding.location().jsonPointer();
        return pointer != null
                && Pattern.compile(GlobPattern.toRegex(locationPattern.substring(hash + 1), true)).matcher(pointer).matches();
    }

    private static String absolute(String pattern, FileSystemView files) {
        String home = files.home().toString().replace('\\', '/');
        if (pattern.equals("~")) {
            return GlobPattern.quote(home);
        }
        if (pattern.startsWith("~/")) {
            return GlobPattern.quote(home) + pattern.substring(1);
        }
        if (pattern.startsWith("/") || pattern.startsWith("*") || pattern.matches("^[A-Za-z]:.*")) {
            return pattern;
        }
        return GlobPattern.quote(files.workingDirectory().toString().replace('\\', '/')) + "/" + pattern;
    }
}
