package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.Severity;

import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a policy run: the active findings (not suppressed, not in the baseline), the
 * suppressed ones, and how each check went. Render it with {@link ReportWriter}.
 *
 * @param startedAt when the run started
 * @param duration how long it took
 * @param profile the profile checked
 * @param configs the MCP client configs that were in scope
 * @param checks how each check went, in run order
 * @param findings the active findings, sorted by file, line, column and rule
 * @param suppressed the findings hidden by suppressions
 * @param baselineMatched how many findings were hidden because the baseline already had them
 * @since 0.1
 */
public record PolicyReport(Instant startedAt, Duration duration, String profile, List<ConfigSummary> configs,
        List<CheckRun> checks, List<Finding> findings, List<SuppressedFinding> suppressed, int baselineMatched) {

    /** The version of the JSON report schema; it changes only when a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * One config in scope.
     *
     * @param path the file
     * @param client its client
     * @param scope user or project
     * @param servers how many server entries it declares
     */
    public record ConfigSummary(Path path, McpClient client, ConfigScope scope, int servers) {
        /**
         * Validates the parts.
         *
         * @param path the path
         * @param client the client
         * @param scope the scope
         * @param servers the number of servers
         */
        public ConfigSummary {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * Copies the lists.
     *
     * @param startedAt the start
     * @param duration the duration
     * @param profile the profile
     * @param configs the configs
     * @param checks the check runs
     * @param findings the findings
     * @param suppressed the suppressed findings
     * @param baselineMatched the number of baseline matches
     */
    public PolicyReport {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(profile, "profile");
        configs = List.copyOf(configs);
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
        suppressed = List.copyOf(suppressed);
    }

    /**
     * The highest severity among the active findings.
     *
     * @return the severity, or empty when there is no finding
     */
    public Optional<Severity> highestSeverity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo);
    }

    /**
     * The active findings at or above a severity.
     *
     * @param threshold the severity
     * @return the findings, in report order
     */
    public List<Finding> atOrAbove(Severity threshold) {
        return findings.stream().filter(f -> f.severity().isAtLeast(threshold)).toList();
    }

    /**
     * The number of active findings of a severity.
     *
     * @param severity the severity
     * @return the count
     */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /**
     * Whether every check completed.
     *
     * @return {@code false} if a check failed or timed out
     */
    public boolean allChecksCompleted() {
        return checks.stream().allMatch(c -> c.status() == CheckRun.Status.OK || c.status() == CheckRun.Status.SKIPPED);
    }

    @Override
    public String toString() {
        return "PolicyReport[" + findings.size() + " findings, " + suppressed.size() + " suppressed, "
                + baselineMatched + " in baseline, highest " + highestSeverity().map(Severity::label).orElse("none") + "]";
    }
}
