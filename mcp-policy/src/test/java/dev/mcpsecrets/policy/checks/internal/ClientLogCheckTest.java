package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.engine.PolicyEngine;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.engine.ReportFormat;
import dev.mcpsecrets.policy.engine.ReportOptions;
import dev.mcpsecrets.policy.engine.ReportWriter;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.FileSystemView.OperatingSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fixture homes with a log or transcript at every client path, each holding a planted token of its own
 * kind (and one value of a user's reference): the check finds each, and no report names a value.
 */
class ClientLogCheckTest {
    private static final String OWN_VALUE = "PLANTED-db-Pa55w0rd-q7Zr";
    private static final List<String> ALL = List.of(Harness.GITHUB, Harness.SLACK, Harness.STRIPE, Harness.ANTHROPIC,
            Harness.OPENAI, Harness.GITLAB, Harness.AWS_ID, Harness.NPM, Harness.GOOGLE, OWN_VALUE);

    @TempDir
    Path root;

    private FileSystemView view(OperatingSystem os) {
        Path home = root.resolve("home");
        Map<String, String> env = os == OperatingSystem.WINDOWS ? Map.of("APPDATA", home.resolve("AppData/Roaming").toString())
                : Map.of();
        return FileSystemView.of(home, home.resolve("app"), os, env).withFingerprintKeyFile(root.resolve("key"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void gzip(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String desktopLine(String server, String level, String text) {
        return "2025-07-20T00:10:07.796Z [" + server + "] [" + level + "] " + text + " { metadata: undefined }\n";
    }

    /** One file per client path, each with a token of another kind; returns file name -> expected kind word. */
    private Map<Path, String> plant(FileSystemView view) throws IOException {
        Map<Path, String> expected = new HashMap<>();
        Path desktop = switch (view.os()) {
            case MACOS -> view.home().resolve("Library/Logs/Claude");
            case WINDOWS -> view.appData().resolve("Claude/logs");
            default -> view.configHome().resolve("Claude/logs");
        };
        Path serverLog = desktop.resolve("mcp-server-github.log");
        write(serverLog, desktopLine("github", "info", "Initializing server...")
                + desktopLine("github", "error", "Bad credentials for token " + Harness.GITHUB));
        expected.put(serverLog, "GitHub");
        Path rotated = desktop.resolve("mcp.log.1");
        write(rotated, "2024-11-28T09:27:43.719Z [info] env SLACK_BOT_TOKEN=" + Harness.SLACK + "\n");
        expected.put(rotated, "Slack");
        Path gz = desktop.resolve("mcp-server-stripe.old.log.gz");
        gzip(gz, desktopLine("stripe", "error", "request failed: api key " + Harness.STRIPE));
        expected.put(gz, "Stripe");
        Path claude = view.home().resolve(".claude");
        Path transcript = claude.resolve("projects/-home-me-app/0b7c7d1e-8c4e-4b55-9d6f-0d1c2f3a4b5c.jsonl");
        write(transcript, "{\"type\":\"user\",\"message\":{\"content\":\"my key is " + Harness.ANTHROPIC + "\"}}\n"
                + "{\"type\":\"assistant\",\"message\":{\"content\":\"The database password " + OWN_VALUE + " works\"}}\n");
        expected.put(transcript, "Anthropic");
        Path history = claude.resolve("history.jsonl");
        write(history, "{\"display\":\"use OPENAI_API_KEY=" + Harness.OPENAI + "\",\"timestamp\":1733000000000}\n");
        expected.put(history, "OpenAI");
        Path editorRoot = view.os() == OperatingSystem.LINUX ? view.configHome() : view.appData();
        Path cursor = editorRoot.resolve("Cursor/logs/20250320T181022/window1/exthost/anysphere.cursor-always-local/Cursor MCP.log");
        write(cursor, "2025-03-20 18:10:31.808 [info] env GITLAB_TOKEN=" + Harness.GITLAB + "\n");
        expected.put(cursor, "GitLab");
        Path code = editorRoot.resolve("Code/logs/20250323T163800/window1/mcpServer.mcp.config.usrlocal.aws.log");
        write(code, "2025-03-23 16:38:00.970 [info] [Server Says] aws_access_key_id=" + Harness.AWS_ID + "\n");
        expected.put(code, "AWS");
        Path windsurf = editorRoot.resolve("Windsurf/logs/20250401T101010/window1/exthost/codeium.windsurf/Windsurf MCP.log");
        write(windsurf, "npm token " + Harness.NPM + "\n");
        expected.put(windsurf, "npm");
        Path gemini = view.home().resolve(".gemini/tmp/3f7a9c/chats/session-2025-08-01.json");
        write(gemini, "{\"messages\":[{\"text\":\"GOOGLE_API_KEY=" + Harness.GOOGLE + "\"}]}\n");
        expected.put(gemini, "Google");
        return expected;
    }

    private static McpConfigFile userConfig(Path file, String json) throws IOException {
        write(file, json);
        return McpConfigReader.fromDocument(JsonReader.parse(json, file, McpClient.CLAUDE_DESKTOP.dialect()),
                McpClient.CLAUDE_DESKTOP, ConfigScope.USER);
    }

    private static McpConfigFile projectConfig(Path file, String json) throws IOException {
        write(file, json);
        return McpConfigReader.fromDocument(JsonReader.parse(json, file, McpClient.CLAUDE_CODE.dialect()),
                McpClient.CLAUDE_CODE, ConfigScope.PROJECT);
    }

    @ParameterizedTest
    @EnumSource(OperatingSystem.class)
    void findsAPlantedTokenAtEveryClientPathAndNamesNoValue(OperatingSystem os) throws IOException {
        FileSystemView view = view(os);
        Map<Path, String> expected = plant(view);
        List<Finding> findings = Harness.run(new ClientLogCheck(), Harness.context(view, Map.of()).build());
        for (Map.Entry<Path, String> e : expected.entrySet()) {
            assertThat(findings).as(e.getKey().toString()).anySatisfy(f -> {
                assertThat(f.ruleId()).isEqualTo("MCP-LOG-001");
                assertThat(f.location().file()).isEqualTo(e.getKey());
                assertThat(f.message()).contains(e.getValue()).contains("hmac:");
                assertThat(f.remediation()).contains("mcp-secrets redact").contains("usages");
            });
        }
        assertThat(findings).noneMatch(f -> f.ruleId().equals("MCP-LOG-002"));
        Harness.assertNoValue(findings, ALL.toArray(String[]::new));
    }

    @Test
    void knownValuesOfTrustedReferencesAreFoundWithTheReferenceAndFingerprintNeverTheValue() throws IOException {
        FileSystemView view = view(OperatingSystem.LINUX);
        plant(view);
        Path logs = view.configHome().resolve("Claude/logs");
        // JSON-escaped form: a value with a quote appears as \" inside a transcript
        String quoted = "PLANTED-q\"uote-Zr81x";
        write(logs.resolve("mcp-server-db.log"), "line one\nconnecting with " + OWN_VALUE + "\n");
        write(view.home().resolve(".claude/projects/-p/s.jsonl"), "{\"content\":\"pw " + quoted.replace("\"", "\\\"")
                + "\"}\n");
        McpConfigFile user = userConfig(view.configHome().resolve("Claude/claude_desktop_config.json"),
                "{\"mcpServers\": {\"db\": {\"command\": \"mcp-secrets\", \"args\": [\"run\", \"--env\", "
                        + "\"DB_PASSWORD=env:MY_DB_PASSWORD\", \"--\", \"node\", \"db.js\"], \"env\": {\"Q\": \"env:QUOTED\", "
                        + "\"SHORT\": \"env:SHORT_ONE\"}}}}");
        McpConfigFile untrusted = projectConfig(view.home().resolve("cloned/.mcp.json"),
                "{\"mcpServers\": {\"x\": {\"command\": \"node\", \"env\": {\"T\": \"env:ATTACKER_CHOSEN\"}}}}");
        Map<String, String> env = Map.of("MY_DB_PASSWORD", OWN_VALUE, "QUOTED", quoted, "SHORT_ONE", "abc",
                "ATTACKER_CHOSEN", "PLANTED-not-to-be-read-77");
        try (Secrets secrets = Secrets.builder().environment(env).build()) {
            PolicyContext context = Harness.context(view, env, user, untrusted).secrets(secrets)
                    .options(Map.of(ClientLogCheck.KNOWN_VALUES, "true")).build();
            List<Finding> findings = Harness.run(new ClientLogCheck(), context);
            List<Finding> own = findings.stream().filter(f -> f.ruleId().equals("MCP-LOG-002")).toList();
            assertThat(own).anySatisfy(f -> {
                assertThat(f.location().file()).isEqualTo(logs.resolve("mcp-server-db.log"));
                assertThat(f.location().line()).isEqualTo(2);
                assertThat(f.location().column()).isEqualTo(17);
                assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(f.message()).contains("env:MY_DB_PASSWORD").contains("hmac:");
                assertThat(f.remediation()).contains("mcp-secrets usages --ref env:MY_DB_PASSWORD")
                        .contains("redact --known-values");
            });
            assertThat(own).anySatisfy(f -> assertThat(f.message()).contains("env:QUOTED"));
            assertThat(own).anySatisfy(f -> assertThat(f.location().file().toString()).contains("-home-me-app"));
            assertThat(findings).anySatisfy(f -> {
                assertThat(f.ruleId()).isEqualTo("MCP-LOG-003");
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.message()).contains("env:SHORT_ONE").contains("shorter than 8")
                        .contains("1 reference in project configs you have not trusted").doesNotContain("ATTACKER_CHOSEN");
            });
            Harness.assertNoValue(findings, OWN_VALUE, quoted, "PLANTED-not-to-be-read-77");
            // the same findings through every report format
            PolicyReport report = PolicyEngine.builder().discoverChecks(false).addCheck(new ClientLogCheck()).build()
                    .run(context.toBuilder().scopes(List.of(PolicyScope.MACHINE)).build());
            for (ReportFormat format : ReportFormat.values()) {
                StringWriter out = new StringWriter();
                ReportWriter.write(report, format, ReportOptions.DEFAULTS, out);
                assertThat(out.toString()).as(format.label()).contains("MCP-LOG-002");
                for (String v : ALL) {
                    assertThat(out.toString()).as(format.label()).doesNotContain(v);
                }
                assertThat(out.toString()).doesNotContain("PLANTED-q");
            }
        }
    }

    @Test
    void aProjectConfigTheUserTrustedHasItsReferencesSearched() throws IOException {
        FileSystemView view = view(OperatingSystem.LINUX);
        write(view.configHome().resolve("Claude/logs/mcp.log"), "x " + OWN_VALUE + "\n");
        McpConfigFile project = projectConfig(view.home().resolve("app/.mcp.json"),
                "{\"mcpServers\": {\"x\": {\"command\": \"node\", \"env\": {\"T\": \"env:MY_DB_PASSWORD\"}}}}");
        Map<String, String> env = Map.of("MY_DB_PASSWORD", OWN_VALUE);
        try (Secrets secrets = Secrets.builder().environment(env).build()) {
            PolicyContext.Builder b = Harness.context(view, env, project).secrets(secrets)
                    .options(Map.of(ClientLogCheck.KNOWN_VALUES, "true"));
            assertThat(Harness.run(new ClientLogCheck(), b.build())).noneMatch(f -> f.ruleId().equals("MCP-LOG-002"));
            assertThat(Harness.run(new ClientLogCheck(), b.trustedConfigs(List.of(project.path())).build()))
                    .anyMatch(f -> f.ruleId().equals("MCP-LOG-002"));
        }
    }

    @Test
    void aSecretStraddlingTwoWindowsOfALongLineIsFoundOnceAtItsColumn() throws IOException {
        FileSystemView view = view(OperatingSystem.LINUX);
        StringBuilder line = new StringBuilder();
        int at = (1 << 20) - 8192 - 10; // crosses the place where the first window stops
        line.append("a ".repeat(at / 2));
        line.append(Harness.GITHUB).append(' ');
        line.append("b ".repeat(1 << 20)); // one 3 MiB line in all
        write(view.home().resolve(".claude/history.jsonl"), "first\n" + line + "\nlast " + Harness.GITHUB + "\n");
        List<Finding> findings = Harness.run(new ClientLogCheck(), Harness.context(view, Map.of()).build());
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.location().line()).isEqualTo(2);
        assertThat(f.location().column()).isEqualTo(at + 1);
        assertThat(f.message()).contains("2 times; lines 2, 3");
    }

    @Test
    void aBudgetThatRunsOutIsReportedWithTheFilesLeft() throws IOException {
        FileSystemView view = view(OperatingSystem.LINUX);
        plant(view);
        AtomicLong clock = new AtomicLong();
        // every reading of the clock moves it one second: the 3 s budget runs out after a few files
        ClientLogCheck check = new ClientLogCheck(() -> clock.addAndGet(TimeUnit.SECONDS.toNanos(1)));
        List<Finding> findings = Harness.run(check, Harness.context(view, Map.of())
                .options(Map.of(ClientLogCheck.BUDGET_SECONDS, "3")).build());
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-LOG-003");
            assertThat(f.message()).contains("time budget of 3 s ran out");
            assertThat(f.remediation()).contains("--log-budget");
        });
        assertThat(findings.stream().filter(f -> f.ruleId().equals("MCP-LOG-001")).count()).isLessThan(9);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aPipeALinkAndAnUnreadableFileAreReportedNotReadOrFollowed() throws Exception {
        FileSystemView view = view(OperatingSystem.LINUX);
        Path logs = view.configHome().resolve("Claude/logs");
        Files.createDirectories(logs);
        Path outside = root.resolve("elsewhere/secret.txt");
        write(outside, "token " + Harness.GITHUB + "\n");
        Files.createSymbolicLink(logs.resolve("mcp-server-link.log"), outside);
        Process mkfifo = new ProcessBuilder("mkfifo", logs.resolve("mcp-server-pipe.log").toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is needed");
        Path unreadable = logs.resolve("mcp-server-locked.log");
        write(unreadable, "token " + Harness.SLACK + "\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        List<Finding> findings = Harness.run(new ClientLogCheck(), Harness.context(view, Map.of()).build());
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-LOG-003");
            assertThat(f.location().file()).isEqualTo(logs.resolve("mcp-server-pipe.log"));
            assertThat(f.message()).contains("named pipe");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-LOG-003");
            assertThat(f.location().file()).isEqualTo(logs.resolve("mcp-server-link.log"));
            assertThat(f.message()).contains("symbolic link; not followed");
        });
        assertThat(findings).noneMatch(f -> f.ruleId().equals("MCP-LOG-001") && f.message().contains("GitHub"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            assertThat(findings).anySatisfy(f -> {
                assertThat(f.location().file()).isEqualTo(unreadable);
                assertThat(f.message()).contains("permission denied");
            });
        }
    }

    @Test
    void brokenGzipIsReportedAndAnEmptyHomeHasNoFindings() throws IOException {
        FileSystemView view = view(OperatingSystem.LINUX);
        assertThat(Harness.run(new ClientLogCheck(), Harness.context(view, Map.of()).build())).isEmpty();
        write(view.configHome().resolve("Claude/logs/mcp.log.gz"), "not gzip at all");
        assertThat(Harness.run(new ClientLogCheck(), Harness.context(view, Map.of()).build())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("not valid gzip data"));
    }

    @Test
    void claudeConfigDirMovesTheTranscripts() throws IOException {
        FileSystemView view = view(OperatingSystem.LINUX);
        Path moved = root.resolve("claude-config");
        write(moved.resolve("projects/-x/s.jsonl"), "{\"k\":\"" + Harness.GITHUB + "\"}\n");
        List<Finding> findings = Harness.run(new ClientLogCheck(), Harness.context(view,
                Map.of("CLAUDE_CONFIG_DIR", moved.toString())).build());
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.location().file()).startsWith(moved));
        assertThat(Duration.ZERO).isZero();
    }
}
