package dev.mcpsecrets.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one config reader under hostile files: pipes, devices, huge and deep files, and dialects its name hides. */
class ConfigReadingHardeningTest {
    private static final String PLANTED = "PLANTED-ghp_Vb4Xk9Qm2Lr7Tz5Wn8Jc";

    @TempDir
    Path dir;

    /** Reads within a generous time limit (a guard against a blocking open, not a speed test): a hang fails the test
     * instead of the build. */
    private static McpConfigFile readWithoutHanging(Path file) throws Exception {
        return CompletableFuture.supplyAsync(() -> McpConfigReader.read(file)).get(120, TimeUnit.SECONDS);
    }

    private static ParseProblem onlyProblem(McpConfigFile config) {
        assertThat(config.document().root()).isEmpty();
        assertThat(config.document().problems()).hasSize(1);
        return config.document().problems().get(0);
    }

    @Test
    void namedPipeIsAProblemNotAHang() throws Exception {
        Path fifo = dir.resolve("mcp.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        ParseProblem problem = onlyProblem(readWithoutHanging(fifo));
        assertThat(problem.kind()).isEqualTo(ParseProblem.Kind.UNREADABLE);
        assertThat(problem.message()).isEqualTo("is a named pipe (FIFO), not a regular file");
    }

    @Test
    void endlessDeviceIsAProblemNotAFullHeap() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        ParseProblem problem = onlyProblem(readWithoutHanging(Path.of("/dev/zero")));
        assertThat(problem.kind()).isEqualTo(ParseProblem.Kind.UNREADABLE);
        assertThat(problem.message()).isEqualTo("is a character device, not a regular file");
    }

    @Test
    void fileOverTheConfigLimitIsNotRead() throws Exception {
        Path big = dir.resolve("big.json");
        try (var out = Files.newOutputStream(big)) {
            byte[] chunk = ("\"" + PLANTED + "\",").repeat(1024).getBytes(StandardCharsets.UTF_8);
            out.write('[');
            for (long written = 0; written <= JsonReader.MAX_FILE_BYTES; written += chunk.length) {
                out.write(chunk);
            }
            out.write("0]".getBytes(StandardCharsets.UTF_8));
        }
        ParseProblem problem = onlyProblem(readWithoutHanging(big));
        assertThat(problem.kind()).isEqualTo(ParseProblem.Kind.TOO_LARGE);
        assertThat(problem.message()).isEqualTo("is larger than 32 MiB").doesNotContain(PLANTED);
    }

    @Test
    void hundredThousandLevelsOfNestingEndAtTheDepthLimitWithAPosition() throws Exception {
        Path deep = Files.writeString(dir.resolve("deep.json"),
                "{\"mcpServers\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        McpConfigFile config = readWithoutHanging(deep);
        ParseProblem problem = onlyProblem(config);
        assertThat(problem.kind()).isEqualTo(ParseProblem.Kind.SYNTAX_ERROR);
        assertThat(problem.message()).isEqualTo("nesting deeper than " + JsonReader.MAX_DEPTH + " levels");
        assertThat(problem.location().line()).isEqualTo(1);
        assertThat(problem.location().column()).isEqualTo(16 + JsonReader.MAX_DEPTH);
    }

    @Test
    void unquotedTokenIsReportedByPositionWithoutItsText() throws Exception {
        Path config = Files.writeString(dir.resolve(".mcp.json"),
                "{\"mcpServers\": {\"gh\": {\"command\": \"x\", \"env\": {\"T\": " + PLANTED + "}}}}");
        ParseProblem problem = onlyProblem(readWithoutHanging(config));
        assertThat(problem.location().display()).isEqualTo(config + ":1:53");
        assertThat(problem.message()).doesNotContain("PLANTED").doesNotContain("ghp_");
    }

    @Test
    void alreadyReadBytesParseLikeTheFileAndNonUtf8IsAProblem() throws Exception {
        Path file = dir.resolve("cfg.json");
        byte[] content = "{\"mcpServers\": {\"a\": {\"command\": \"x\"}}}".getBytes(StandardCharsets.UTF_8);
        McpConfigFile parsed = McpConfigReader.parse(content, file, ConfigScope.PROJECT);
        assertThat(parsed.servers()).extracting(McpServer::name).containsExactly("a");
        assertThat(parsed.scope()).isEqualTo(ConfigScope.PROJECT);

        McpConfigFile bad = McpConfigReader.parse(new byte[] {'{', (byte) 0xff, '}'}, file, ConfigScope.PROJECT);
        assertThat(onlyProblem(bad).message()).isEqualTo("is not valid UTF-8");
    }

    @Test
    void vscodeFileUnderAnotherNameIsReadWithItsInputsAndComments() throws Exception {
        Path config = Files.writeString(dir.resolve("team-mcp.json"), """
                {
                  // the team's servers
                  "inputs": [{"type": "promptString", "id": "key", "password": true}],
                  "servers": {"s": {"command": "x", "env": {"K": "${input:key}"}},},
                }
                """);
        McpConfigFile read = McpConfigReader.read(config, ConfigScope.PROJECT);
        assertThat(read.client()).isEqualTo(McpClient.VSCODE);
        assertThat(read.document().dialect()).isEqualTo(JsonDialect.JSONC);
        assertThat(read.inputs()).hasSize(1);
        assertThat(read.servers()).extracting(McpServer::name).containsExactly("s");
        assertThat(read.document().problems()).isEmpty();
        assertThat(McpConfigReader.parse(Files.readAllBytes(config), config, ConfigScope.PROJECT).inputs()).hasSize(1);
    }

    @Test
    void fileWhoseNameSaysNothingAndHasNoInputsStaysGenericStrictJson() throws Exception {
        Path config = Files.writeString(dir.resolve("servers.json"), """
                {"servers": {"s": {"command": "x"}}, /* a note */ "other": 1}
                """);
        McpConfigFile read = McpConfigReader.read(config);
        assertThat(read.client()).isEqualTo(McpClient.GENERIC);
        assertThat(read.servers()).extracting(McpServer::name).containsExactly("s");
        assertThat(read.document().problems()).extracting(ParseProblem::kind).containsExactly(ParseProblem.Kind.COMMENT);
    }

    @Test
    void nameThatTellsTheClientWinsOverContent() throws Exception {
        Path config = Files.writeString(dir.resolve(".mcp.json"), """
                {"servers": {"s": {"command": "x"}}, "inputs": []}
                """);
        assertThat(McpConfigReader.read(config).client()).isEqualTo(McpClient.CLAUDE_CODE);
    }

    @Test
    void longNamesNestedDeepEndWithAProblemInsteadOfExhaustingTheHeap() throws Exception {
        String name = "n".repeat(60_000);
        int depth = 500;
        Path config = Files.writeString(dir.resolve("names.json"),
                ("{\"" + name + "\": ").repeat(depth) + "1" + "}".repeat(depth));
        ParseProblem problem = onlyProblem(readWithoutHanging(config));
        assertThat(problem.kind()).isEqualTo(ParseProblem.Kind.TOO_LARGE);
        assertThat(problem.location().line()).isEqualTo(1);
        assertThat(problem.message()).startsWith("too many values, or names nested too deep")
                .doesNotContain("nnnn");
    }

    @Test
    void aFileFullOfToleratedProblemsKeepsOnlyTheFirstThousand() throws Exception {
        Path config = Files.writeString(dir.resolve("dupes.json"),
                "{\"mcpServers\": {}" + ", \"a\": 1".repeat(200_000) + "}");
        McpConfigFile read = readWithoutHanging(config);
        assertThat(read.document().root()).isPresent();
        assertThat(read.document().problems()).hasSize(1000)
                .allSatisfy(p -> assertThat(p.kind()).isEqualTo(ParseProblem.Kind.DUPLICATE_KEY));
    }
}
