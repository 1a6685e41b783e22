package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config reading as a separate process, where the working directory and the locale are the real ones. */
class ConfigReadingHardeningIT {
    private static final String PLANTED = "ghp_" + "PLANTEDq7Hn3Rt8Kw2Qz6Xv9Lm4PbA1s2D3f";

    @TempDir
    Path tmp;

    @Test
    void auditFromADirectoryWhosePathIsNotUtf8FindsTheProjectConfig() throws Exception {
        Files.createDirectories(tmp.resolve("home"));
        // the shell makes and enters the directory: Java cannot name a path that is not valid UTF-8
        String script = "cd \"$1\" && d=\"$(printf 'proj\\377ect')\" && mkdir \"$d\" && cd \"$d\" && "
                + "printf '{\"mcpServers\": {\"gh\": {\"command\": \"srv\", \"env\": {\"GITHUB_TOKEN\": \"%s\"}}}}' \"$3\" "
                + "> .mcp.json && exec \"$2\" audit --skip MCP-GIT-002";
        ProcessRun run = ProcessRun.of(List.of("sh", "-c", script, "sh", tmp.toString(),
                ProcessRun.LAUNCHER.toString(), PLANTED),
                Map.of("HOME", tmp.resolve("home").toString(), "LANG", "C.UTF-8", "MCP_SECRETS_NO_CDS", "1"));
        assertThat(run.err()).doesNotContain("internal error");
        assertThat(run.out()).contains("MCP-SEC-001").contains("in 1 config").doesNotContain(PLANTED);
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
