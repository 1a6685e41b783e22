package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.checks.internal.logs.LogScanOptions;
import dev.mcpsecrets.policy.engine.PolicyEngine;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.engine.ReportFormat;
import dev.mcpsecrets.policy.engine.ReportOptions;
import dev.mcpsecrets.policy.engine.ReportWriter;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets audit}: least-privilege and plaintext-secret checks on MCP client configs. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check MCP client configs for plaintext secrets, over-broad access and unsafe files.",
            "Without CONFIG: this user's configs (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf, Gemini CLI) "
                + "and the current project's .mcp.json, .cursor/mcp.json, .vscode/mcp.json."},
        footer = {"", "Examples:",
            "  mcp-secrets audit",
            "  mcp-secrets audit examples/configs/insecure.mcp.json",
            "  mcp-secrets audit examples/configs/fixed           # every .json file below the directory",
            "  mcp-secrets audit --format sarif --output mcp-audit.sarif .mcp.json",
            "  mcp-secrets audit --fail-on medium --profile production",
            "  mcp-secrets audit --baseline last-audit.json --suppressions mcp-suppressions.json",
            "  mcp-secrets audit --live --allow-host db.internal   # also asks GitHub and databases",
            "  mcp-secrets audit --known-values                    # client logs: also your own references' values",
            "", "With CONFIG files named, the project's git history (MCP-GIT-002) is scanned only with --history.",
            "The MCP clients' logs and transcripts (MCP-LOG-*) are scanned for leaked secrets within --log-budget.",
            "", "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error."})
final class AuditCommand extends EnvironmentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", arity = "0..*", description = "Config files, or directories of them, to audit (default: discover).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = OptionTypes.FormatConverter.class, completionCandidates = OptionTypes.FormatCandidates.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            converter = OptionTypes.SeverityConverter.class, completionCandidates = OptionTypes.SeverityCandidates.class,
            description = "Exit 1 on findings at or above: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Severity failOn;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = OptionTypes.ProfileConverter.class,
            completionCandidates = OptionTypes.ProfileCandidates.class,
            description = "${COMPLETION-CANDIDATES} or another name (default: MCP_SECRETS_PROFILE, CLAUDE_ENV, "
                    + "development).")
    Profile profile;

    @Option(names = "--suppressions", paramLabel = "FILE", description = "Suppressions (rule id, reason, optional expiry).")
    Path suppressions;

    @Option(names = "--baseline", paramLabel = "FILE", description = "A previous JSON report: report only new findings.")
    Path baseline;

    @Option(names = "--live", description = "Allow network and database probes (token scopes, database privileges).")
    boolean live;

    @Option(names = {"--allow-host", "--live-host"}, paramLabel = "HOST",
            description = "A host --live may contact besides loopback (repeatable).")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--github-api-url", paramLabel = "URL", converter = OptionTypes.UrlConverter.class,
            description = "The GitHub REST API --live asks (default https://api.github.com; GitHub Enterprise: "
                    + "https://HOST/api/v3).")
    URI githubApiUrl;

    @Option(names = "--live-timeout", paramLabel = "SECONDS", description = "Deadline of one live probe (default 10).")
    Integer liveTimeoutSeconds;

    @Option(names = "--github-scope", paramLabel = "SCOPE", split = ",",
            description = "A classic token scope --live expects (repeatable or comma-separated; replaces the default "
                    + "repo, read:org, workflow, write:discussion).")
    List<String> githubScopes;

    @Option(names = "--db-privilege", paramLabel = "PRIVILEGE", split = ",",
            description = "A database privilege --live expects (repeatable or comma-separated; replaces the default "
                    + "SELECT, INSERT, UPDATE).")
    List<String> databasePrivileges;

    @Option(names = "--history", description = "Scan the git history of the current project even when CONFIG files are named.")
    boolean history;

    @Option(names = "--known-values", description = "Also search the MCP clients' logs and transcripts for the values "
            + "of your own references (those named by your configs and by project configs you trusted): resolved, "
            + "searched in memory, destroyed; reported by reference and fingerprint, never by value.")
    boolean knownValues;

    @Option(names = "--log-budget", paramLabel = "SECONDS", description = "Time the scan of client logs and "
            + "transcripts may take (default " + LogScanOptions.DEFAULT_BUDGET_SECONDS + "); what is left is reported.")
    Integer logBudgetSeconds;

    @Option(names = "--skip", paramLabel = "CHECK", description = "Do not run the check with this id (repeatable).")
    List<String> skip = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ReportFormat fmt = format;
        Severity threshold = failOn;
        FileSystemView files = PolicySupport.files(environment);
        PolicySupport.ReadConfigs read = PolicySupport.read(paths, files);
        List<McpConfigFile> configs = read.configs();
        PolicyContext.Builder builder = PolicySupport.context(environment, profile, files, configs)
                .liveProbes(live, PolicySupport.hosts(allowedHosts));
        if (live || knownValues) {
            builder.trustedConfigs(PolicySupport.trustedConfigs(read, environment));
        }
        LiveProbeSettings liveSettings = live ? liveSettings() : null;
        if (live) {
            builder.settings(liveSettings);
        }
        Map<String, String> checkOptions = new HashMap<>();
        if (knownValues) {
            checkOptions.put(LogScanOptions.KNOWN_VALUES, "true");
        }
        int budget = LogScanOptions.DEFAULT_BUDGET_SECONDS;
        if (logBudgetSeconds != null) {
            if (logBudgetSeconds < 1) {
                throw new CliException(Main.USAGE, "--log-budget: must be at least 1 second, got " + logBudgetSeconds);
            }
            budget = logBudgetSeconds;
            checkOptions.put(LogScanOptions.BUDGET_SECONDS, Integer.toString(budget));
        }
        builder.options(checkOptions);
        if (!paths.isEmpty() && !history) {
            // named files are audited as files; the project's whole history is a project question
            EnumSet<PolicyScope> scopes = EnumSet.allOf(PolicyScope.class);
            scopes.remove(PolicyScope.HISTORY);
            builder.scopes(scopes);
        }
        PolicyReport report;
        // the check's deadline leaves the log scan its budget and time to report
        Duration checkTimeout = Duration.ofSeconds(Math.max(PolicyEngine.DEFAULT_CHECK_TIMEOUT.toSeconds(), budget + 15L));
        if (live || knownValues) {
            // the references of trusted configs (keychain:, op://, dotenv:, ...) are resolved for the probes and
            // the log scan through the same providers `get` and `run` use; untrusted configs are refused before
            // any lookup
            Duration resolveTimeout = live ? liveSettings.timeout() : Duration.ofSeconds(10);
            try (Secrets secrets = SecretsFactory.create(environment, profile, resolveTimeout)) {
                report = PolicySupport.engine(suppressions, baseline, new HashSet<>(skip), checkTimeout)
                        .run(builder.secrets(secrets).build());
            }
        } else {
            report = PolicySupport.engine(suppressions, baseline, new HashSet<>(skip), checkTimeout).run(builder.build());
        }
        PrintWriter out = spec.commandLine().getOut();
        ReportOptions options = ReportOptions.DEFAULTS.withHome(files.home())
                .withSourceRoot(files.workingDirectory());
        if (output != null) {
            writeReport(report, fmt, options);
            out.println(escape("wrote the " + fmt.label() + " report to " + output));
        } else {
            boolean colour = fmt == ReportFormat.TEXT && System.console() != null && !environment.containsKey("NO_COLOR");
            ReportWriter.write(report, fmt, options.withColour(colour), out);
        }
        int failing = report.atOrAbove(threshold).size();
        if (fmt == ReportFormat.TEXT || output != null) {
            out.println(escape(summary(report, threshold, failing)));
        }
        out.flush();
        return failing == 0 ? Main.OK : Main.FAILED;
    }

    /** Writes the report to --output; a directory, a missing parent or a denied write is a usage error. */
    private void writeReport(PolicyReport report, ReportFormat fmt, ReportOptions options) {
        if (Files.isDirectory(output)) {
            throw new CliException(Main.USAGE, "--output " + output + ": is a directory; name a file");
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            ReportWriter.write(report, fmt, options, w);
        } catch (NoSuchFileException e) {
            throw new CliException(Main.USAGE, "--output " + output + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new CliException(Main.USAGE, "--output " + output + ": cannot write (permission denied)");
        } catch (IOException e) {
            throw new CliException(Main.USAGE, "--output " + output + ": cannot write (" + e.getClass().getSimpleName() + ")");
        }
    }

    private LiveProbeSettings liveSettings() {
        LiveProbeSettings settings = LiveProbeSettings.defaults();
        try {
            if (githubApiUrl != null) {
                settings = settings.withGithubApiUrl(githubApiUrl);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.USAGE, "--github-api-url: " + e.getMessage());
        }
        if (liveTimeoutSeconds != null) {
            if (liveTimeoutSeconds < 1) {
                throw new CliException(Main.USAGE, "--live-timeout: must be at least 1 second, got " + liveTimeoutSeconds);
            }
            settings = settings.withTimeout(Duration.ofSeconds(liveTimeoutSeconds));
        }
        if (githubScopes != null || databasePrivileges != null) {
            settings = new LiveProbeSettings(settings.githubApiUrl(),
                    githubScopes != null ? Set.copyOf(githubScopes) : settings.allowedGithubScopes(),
                    databasePrivileges != null ? Set.copyOf(databasePrivileges) : settings.allowedDatabasePrivileges(),
                    settings.timeout());
        }
        return settings;
    }

    static String summary(PolicyReport report, Severity threshold, int failing) {
        StringBuilder sb = new StringBuilder();
        sb.append(report.findings().size()).append(report.findings().size() == 1 ? " finding" : " findings");
        List<String> counts = new ArrayList<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
            if (report.count(s) > 0) {
                counts.add(report.count(s) + " " + s.label());
            }
        }
        if (!counts.isEmpty()) {
            sb.append(" (").append(String.join(", ", counts)).append(')');
        }
        sb.append(" in ").append(report.configs().size()).append(report.configs().size() == 1 ? " config" : " configs");
        sb.append("; ").append(failing).append(" at or above ").append(threshold.label());
        sb.append(failing == 0 ? ": pass" : ": fail");
        return sb.toString();
    }
}
