package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --check}: the policy checks for the server about to start. */
class RunCheckTest {
    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp, "SRC", "value-1");
    }

    @Test
    void commandLineServingTheWholeDiskIsRefusedBeforeAnythingStarts() {
        Path marker = tmp.resolve("started");
        CliRun run = CliRun.of(env(), "run", "--check", "--", "npx", "-y", "@modelcontextprotocol/server-filesystem", "/",
                marker.toString());
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("MCP-FS-001").contains("not started").contains("--check");
        assertThat(run.out()).isEmpty();
        assertThat(marker).doesNotExist();
    }

    @Test
    void cleanCommandLineStarts() {
        CliRun run = CliRun.of(env(), "run", "--check", "--env", "T=env:SRC", "--", "sh", "-c", "[ \"$T\" = value-1 ] && exit 4");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    }

    @Test
    void onlyTheNamedServerOfAConfigCounts() throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), """
                {"mcpServers": {
                  "ok": {"command": "sh", "args": ["-c", "exit 3"], "env": {"T": "env:SRC"}},
                  "bad": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]}
                }}
                """);
        assertThat(CliRun.of(env(), "trust", config.toString()).exitCode()).isZero();
        CliRun ok = CliRun.of(env(), "run", "--check", "--config", config.toString(), "--server", "ok");
        assertThat(ok.exitCode()).as(ok.err()).isEqualTo(3);
        CliRun bad = CliRun.of(env(), "run", "--check", "--config", config.toString(), "--server", "bad");
        assertThat(bad.exitCode()).isEqualTo(125);
        assertThat(bad.err()).contains("MCP-FS-001").contains("server 'bad'");
    }

    @Test
    void thresholdIsConfigurable() {
        CliRun run = CliRun.of(env(), "run", "--check", "--fail-on", "nope", "--", "true");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("--fail-on");
    }
}
