package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names, paths and values from configs reach the terminal with their control characters escaped. */
class TerminalEscapingTest {
    private static final String CLEAR = "\u001b[2J";
    private static final String TITLE = "\u001b]0;owned\u0007";
    private static final String RLO = "\u202e";
    private static final String CSI8 = "\u009b";

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    private Path hostileConfig() throws Exception {
        // JSON escapes: the file itself is plain ASCII, the parsed names and values hold the controls
        String name = "evil\\u001b[2J\\u001b]0;owned\\u0007\\u202e\\u009bname";
        String json = "{\"mcpServers\": {\"" + name + "\": {\"command\": \"npx\", \"args\": [\"-y\","
                + " \"@modelcontextprotocol/server-github\", \"--pat\", \"x\\u001b[31my\\r\"],"
                + " \"env\": {\"GITHUB_TOKEN\": \"ghp_FAKEfake0123456789abcdefABCDEF012345\"}}}}";
        Path dir = Files.createDirectories(tmp.resolve("p"));
        return Files.writeString(dir.resolve("claude_desktop_config.json"), json);
    }

    private static void assertNoRawControls(String text) {
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain(RLO).doesNotContain(CSI8)
                .doesNotContain("\r");
    }

    @Test
    void auditTextReportEscapesServerNamesAndValues() throws Exception {
        CliRun run = CliRun.of(env(), "audit", hostileConfig().toString());
        assertThat(run.out()).contains("GitHub").contains("evil\\u001b[2J\\u001b]0;owned\\u0007\\u202e\\u009bname");
        assertNoRawControls(run.out());
        assertNoRawControls(run.err());
    }

    @Test
    void auditJsonAndSarifEscapeBidiAndC1Controls() throws Exception {
        Path config = hostileConfig();
        for (String format : new String[] {"json", "sarif"}) {
            CliRun run = CliRun.of(env(), "audit", "--format", format, config.toString());
            assertThat(run.out()).as(format).contains("\\u202e").containsIgnoringCase("\\u001b");
            assertNoRawControls(run.out());
        }
    }

    @Test
    void trustAndErrorsEscapePaths() throws Exception {
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("d")).resolve("a" + TITLE + RLO + ".json"), "{}");
        CliRun trust = CliRun.of(env(), "trust", file.toString());
        assertThat(trust.exitCode()).isZero();
        assertNoRawControls(trust.out());
        assertThat(trust.out()).contains("\\u001b]0;owned\\u0007\\u202e");
        CliRun list = CliRun.of(env(), "trust", "--list");
        assertNoRawControls(list.out());
        CliRun missing = CliRun.of(env(), "trust", tmp.resolve("no" + CLEAR + ".json").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.USAGE);
        assertNoRawControls(missing.err());
        assertThat(missing.err()).contains("no\\u001b[2J.json");
    }

    @Test
    void runErrorsEscapeTheCommandName() {
        CliRun run = CliRun.of(env(), "run", "--", "no-such" + CLEAR + RLO + "-command");
        assertThat(run.exitCode()).isEqualTo(127);
        assertNoRawControls(run.err());
        assertThat(run.err()).contains("no-such\\u001b[2J\\u202e-command");
    }
}
