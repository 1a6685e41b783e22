package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure of {@code run} before the start is 125 with a message naming the place (file:line:column,
 * argument position), never text from the config or the arguments: such text may be a pasted secret.
 * A value no path can hold (a NUL) used to reach the message through the runtime's own exception text.
 */
class RunPrepareMessagesTest {
    private static final String PLANTED = "PLANTEDRUNPREPQ7W2ERTY";

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    private CliRun runTrusted(String serverJson) throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), "{\"mcpServers\": {\"srv\": " + serverJson + "}}\n");
        CliRun trust = CliRun.of(env(), "trust", config.toString());
        assertThat(trust.exitCode()).as(trust.err()).isZero();
        return CliRun.of(env(), "run", "--config", config.toString(), "--server", "srv");
    }

    private static void assertRefusedWithoutEcho(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(run.out() + run.err()).doesNotContain(PLANTED).doesNotContain("PLANTED");
    }

    @Test
    void aCommandWithANulIsRefusedByPositionNotByText() throws Exception {
        CliRun run = runTrusted("{\"command\": \"/bin/true\\u0000" + PLANTED + "\"}");
        assertRefusedWithoutEcho(run);
        assertThat(run.err()).contains(".mcp.json:1:").contains("'srv'").contains("command").contains("NUL");
    }

    @Test
    void aRelativeCommandWithANulIsRefusedByPositionNotByText() throws Exception {
        CliRun run = runTrusted("{\"command\": \"bin/srv\\u0000" + PLANTED + "\"}");
        assertRefusedWithoutEcho(run);
        assertThat(run.err()).contains("command").contains("NUL");
    }

    @Test
    void aCwdWithANulIsRefusedByPositionNotByText() throws Exception {
        CliRun run = runTrusted("{\"command\": \"true\", \"cwd\": \"sub\\u0000" + PLANTED + "\"}");
        assertRefusedWithoutEcho(run);
        assertThat(run.err()).contains(".mcp.json:1:").contains("cwd").contains("NUL");
    }

    @Test
    void aCommandArgumentWithANulIsRefusedByPositionNotByText() {
        CliRun run = CliRun.of(env(), "run", "--", "bin/x\0" + PLANTED, "arg");
        assertRefusedWithoutEcho(run);
        assertThat(run.err()).contains("COMMAND").contains("NUL");
    }

    @Test
    void anyOtherInvalidArgumentBeforeTheStartKeepsItsTextOutOfTheMessage() {
        CliException e = RunCommand.notStarted(new java.nio.file.InvalidPathException("x\0" + PLANTED, "Nul character"));
        assertThat(e.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(e.getMessage()).doesNotContain(PLANTED).contains("not started").contains("InvalidPathException");
    }
}
