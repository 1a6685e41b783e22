package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on a home with leaked secrets in client logs and transcripts, {@code redact} and
 * {@code doctor --logs}, through the command: every planted value stays out of stdout, stderr, the SLF4J
 * lines and the JSON and SARIF reports.
 */
class ClientLogCommandsTest {
    private static final String GITHUB = "ghp_PLANTEDfake0123456789abcdefABCDEF012";
    private static final String SLACK = "xoxb-1234567890-1234567890123-PLANTEDfakeTESTtest0123ab";
    private static final String OWN = "PLANTED-own-db-pw-Zq81";
    private static final List<String> PLANTED = List.of(GITHUB, SLACK, OWN);

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestEnvironment.of(tmp));
        env.put("MY_DB_PASSWORD", OWN);
        env.put("XDG_CONFIG_HOME", home().resolve(".config").toString());
        return env;
    }

    private Path desktopLogs() {
        return home().resolve(".config/Claude/logs");
    }

    private void plant() throws IOException {
        Files.createDirectories(desktopLogs());
        Files.writeString(desktopLogs().resolve("mcp-server-github.log"),
                "2025-07-20T00:10:07.796Z [github] [info] Initializing server... { metadata: undefined }\n"
                        + "2025-07-20T00:10:08.100Z [github] [error] Bad credentials " + GITHUB + "\n");
        Path transcript = home().resolve(".claude/projects/-home-me-app/s1.jsonl");
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, "{\"content\":\"slack " + SLACK + "\"}\n{\"content\":\"db pw " + OWN + "\"}\n");
        Path config = home().resolve(".config/Claude/claude_desktop_config.json");
        Files.writeString(config, "{\"mcpServers\": {\"db\": {\"command\": \"mcp-secrets\", \"args\": [\"run\", \"--env\", "
                + "\"PGPASSWORD=env:MY_DB_PASSWORD\", \"--\", \"node\", \"db.js\"]}}}\n");
    }

    /** Runs the command with System.out/err captured too (slf4j-simple writes there). */
    private String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream process = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(process, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(process, true, StandardCharsets.UTF_8));
            CliRun r = CliRun.of(env(), args);
            return new String[] {Integer.toString(r.exitCode()), r.out(), r.err(), process.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void assertNoPlanted(String... channels) {
        for (String c : channels) {
            for (String v : PLANTED) {
                assertThat(c).doesNotContain(v).doesNotContain(v.substring(v.length() - 10));
            }
        }
    }

    @Test
    void auditFindsLeakedTokensAndWithKnownValuesTheUsersOwnValueAndPrintsNoValue() throws IOException {
        plant();
        String[] plain = run("audit", "--fail-on", "critical");
        assertThat(plain[1]).contains("MCP-LOG-001").contains("mcp-server-github.log").contains("s1.jsonl")
                .contains("GitHub").contains("Slack").doesNotContain("MCP-LOG-002");
        String[] known = run("audit", "--known-values", "--fail-on", "critical");
        assertThat(known[0]).isEqualTo("1");
        assertThat(known[1]).contains("MCP-LOG-002").contains("env:MY_DB_PASSWORD").contains("hmac:")
                .contains("mcp-secrets usages --ref env:MY_DB_PASSWORD").contains("mcp-secrets redact --known-values");
        Path json = tmp.resolve("r.json");
        Path sarif = tmp.resolve("r.sarif");
        String[] j = run("audit", "--known-values", "--format", "json", "-o", json.toString());
        String[] s = run("audit", "--known-values", "--format", "sarif", "-o", sarif.toString());
        assertThat(Files.readString(json)).contains("MCP-LOG-002");
        assertThat(Files.readString(sarif)).contains("MCP-LOG-002");
        assertNoPlanted(String.join("\n", plain), String.join("\n", known), String.join("\n", j), String.join("\n", s),
                Files.readString(json), Files.readString(sarif));
    }

    @Test
    void aTinyLogBudgetIsReportedNotSilent() throws IOException {
        plant();
        String[] r = run("audit", "--log-budget", "0");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--log-budget: must be at least 1 second");
    }

    @Test
    void redactRewritesInPlaceAndPrintsLinesKindsAndFingerprintsOnly() throws IOException {
        plant();
        Path transcript = home().resolve(".claude/projects/-home-me-app/s1.jsonl");
        Object inode = Files.readAttributes(transcript, "unix:ino").get("ino");
        String[] dry = run("redact", "--dry-run", "--known-values", transcript.toString());
        assertThat(dry[0]).isEqualTo("1");
        assertThat(dry[1]).contains("s1.jsonl:1:").contains("s1.jsonl:2:").contains("value of [env:MY_DB_PASSWORD]");
        assertThat(Files.readString(transcript)).contains(SLACK);
        String[] notAtTerminal = run("redact", transcript.toString());
        assertThat(notAtTerminal[0]).isEqualTo("2");
        assertThat(notAtTerminal[2]).contains("Quit the MCP client").contains("add --yes");
        String[] done = run("redact", "--yes", "--known-values", "--backup", transcript.toString());
        assertThat(done[0]).isEqualTo("0");
        assertThat(done[1]).contains("2 secrets redacted in place").contains("backup (mode 600");
        String text = Files.readString(transcript);
        assertThat(text).doesNotContain(SLACK).doesNotContain(OWN).contains("[REDACTED:env:MY_DB_PASSWORD]")
                .contains("[REDACTED:");
        assertThat(Files.readAttributes(transcript, "unix:ino").get("ino")).isEqualTo(inode);
        assertNoPlanted(String.join("\n", dry), String.join("\n", notAtTerminal), String.join("\n", done));
        String[] missing = run("redact", "--yes", tmp.resolve("nope.log").toString());
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[2]).contains("no such file");
    }

    @Test
    void doctorLogsGivesStartsErrorsAndLineNumbersButNoLineText() throws IOException {
        Files.createDirectories(desktopLogs());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant start = now.minus(2, ChronoUnit.HOURS);
        Files.writeString(desktopLogs().resolve("mcp-server-github.log"),
                start.minus(3, ChronoUnit.DAYS) + " [github] [error] old failure " + GITHUB + "\n"
                        + start + " [github] [info] Initializing server... { metadata: undefined }\n"
                        + start.plusSeconds(1) + " [github] [info] Server started and connected successfully\n"
                        + "raw stderr line from the server\n"
                        + start.plusSeconds(5) + " [github] [error] Bad credentials " + GITHUB + "\n");
        Files.writeString(desktopLogs().resolve("mcp.log"),
                start + " [memory] [info] Initializing server...\n" + "2024-11-28T09:27:43.719Z [info] Attempting to "
                        + "connect to MCP server memory...\n");
        String[] r = run("doctor", "--logs");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("github").contains("last start: " + start.truncatedTo(ChronoUnit.SECONDS))
                .contains("mcp-server-github.log:2").contains("errors: 1 since the last start, 1 in the last 24 h, 2 in all")
                .contains("mcp-server-github.log lines 1, 5").contains("memory").contains("errors: 0 since the last start")
                .doesNotContain("Bad credentials").doesNotContain("old failure").doesNotContain("raw stderr");
        assertNoPlanted(String.join("\n", r));
    }
}
