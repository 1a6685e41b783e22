package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.engine.ReportFormat;
import dev.mcpsecrets.policy.engine.ReportOptions;
import dev.mcpsecrets.policy.engine.ReportWriter;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonDialect;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code run --check}: the policy checks for the one server about to start, before anything is resolved.
 * Findings go to stderr (stdout belongs to the server's protocol).
 */
final class LaunchCheck {
    /** Where findings about a server given on the command line point. */
    static final Path COMMAND_LINE = Path.of("mcp-secrets-run-command-line.json");
    static final String COMMAND_LINE_SERVER = "command-line";

    private LaunchCheck() {
    }

    /**
     * Checks the server and refuses the start (exit 125) when a finding reaches the threshold.
     *
     * @param config the config holding the server, as read and trusted for the launch (judged, rather than
     *     the file read again), or {@code null} for a command line
     */
    static void enforce(McpConfigFile config, String server, List<String> argv, Map<String, String> refs,
            Map<String, String> environment, Profile profile, Severity failOn, PrintWriter err) {
        McpConfigFile file = config != null ? config : describe(argv, refs);
        String name = config != null ? server : COMMAND_LINE_SERVER;
        FileSystemView files = PolicySupport.files(environment);
        EnumSet<PolicyScope> scopes = EnumSet.allOf(PolicyScope.class);
        scopes.remove(PolicyScope.HISTORY); // the project's history is no property of the server about to start
        PolicyReport full = PolicySupport.engine(null, null, Set.of())
                .run(PolicySupport.context(environment, profile, files, List.of(file)).scopes(scopes).build());
        List<Finding> mine = full.findings().stream().filter(f -> concerns(f, name)).toList();
        PolicyReport report = new PolicyReport(full.startedAt(), full.duration(), full.profile(), full.configs(),
                full.checks(), mine, List.of(), 0);
        int failing = report.atOrAbove(failOn).size();
        if (failing > 0) {
            try {
                ReportWriter.write(report, ReportFormat.TEXT, ReportOptions.DEFAULTS.withHome(files.home()), err);
            } catch (IOException e) {
                throw new CliException(RunCommand.FAILED_BEFORE_START, "cannot write the policy report");
            }
            throw new CliException(RunCommand.FAILED_BEFORE_START, "not started: " + AuditCommand.summary(report, failOn,
                    failing) + " for server '" + name + "' (--check)");
        }
    }

    /** Findings about the file as a whole, or about this server's entry. */
    static boolean concerns(Finding f, String server) {
        String pointer = f.location().jsonPointer();
        if (pointer == null || pointer.isEmpty()) {
            return true;
        }
        String escaped = server.replace("~", "~0").replace("/", "~1");
        for (String root : List.of("/mcpServers/", "/servers/")) {
            String prefix = root + escaped;
            if (pointer.equals(prefix) || pointer.startsWith(prefix + "/")) {
                return true;
            }
        }
        return !pointer.startsWith("/mcpServers/") && !pointer.startsWith("/servers/");
    }

    /** The command line as the client config entry that would start it, so the same rules apply. */
    static McpConfigFile describe(List<String> argv, Map<String, String> refs) {
        Map<String, Object> entry = Map.of("command", argv.get(0), "args", argv.subList(1, argv.size()), "env", refs);
        String text;
        try {
            text = new ObjectMapper().writeValueAsString(Map.of("mcpServers", Map.of(COMMAND_LINE_SERVER, entry)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot describe the command line", e);
        }
        return McpConfigReader.fromDocument(JsonReader.parse(text, COMMAND_LINE, JsonDialect.STRICT),
                McpClient.CLAUDE_CODE, ConfigScope.PROJECT);
    }
}
