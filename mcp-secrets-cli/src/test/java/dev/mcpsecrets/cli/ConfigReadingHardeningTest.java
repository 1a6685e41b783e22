package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading configs and reference files under hostile or careless input: one reader for every command,
 * errors by file:line:column and never by text, no hang on pipes, no heap exhaustion, no "internal error".
 */
class ConfigReadingHardeningTest {
    private static final String PLANTED = "PLANTED-ghp_Hn3Rt8Kw2Qz6Xv9Lm4Pb";

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    /** Runs in-process within a time limit, so that a hang fails the test instead of the build. */
    private CliRun runWithin20s(String... args) throws Exception {
        return CompletableFuture.supplyAsync(() -> CliRun.of(env(), args)).get(20, TimeUnit.SECONDS);
    }

    private static void assertNoLeakNorInternalError(CliRun run) {
        assertThat(run.out()).doesNotContain(PLANTED).doesNotContain("PLANTED").doesNotContain("ghp_");
        assertThat(run.err()).doesNotContain(PLANTED).doesNotContain("PLANTED").doesNotContain("ghp_")
                .doesNotContain("internal error").doesNotContain("Exception");
    }

    private Path trusted(String name, String text) throws Exception {
        Path config = Files.writeString(tmp.resolve(name), text);
        CliRun trust = CliRun.of(env(), "trust", config.toString());
        assertThat(trust.exitCode()).as(trust.err()).isZero();
        return config;
    }

    private Path fifo(String name) throws Exception {
        Path fifo = tmp.resolve(name);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        return fifo;
    }

    @Test
    void runConfigWithAnUnquotedTokenNamesThePositionNotTheToken() throws Exception {
        Path config = trusted(".mcp.json",
                "{\"mcpServers\": {\"gh\": {\"command\": \"sh\", \"env\": {\"T\": " + PLANTED + "}}}}\n");
        CliRun run = runWithin20s("run", "--config", config.toString(), "--server", "gh");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains(config + ":1:54: not valid JSON");
        assertNoLeakNorInternalError(run);
    }

    @Test
    void runConfigErrorNamesTheSyntaxErrorRatherThanAnEarlierComment() throws Exception {
        Path config = trusted(".mcp.json", "// team servers\n{\"mcpServers\": {\"gh\": " + PLANTED + "}}\n");
        CliRun run = runWithin20s("run", "--config", config.toString(), "--server", "gh");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains(config + ":2:23: not valid JSON: expected a value");
        assertNoLeakNorInternalError(run);
    }

    @Test
    void runConfigEntryOfTheWrongShapeIsNamedByPosition() throws Exception {
        Path config = trusted("shape.json", """
                {"mcpServers": {"gh": {"command": "sh", "args": ["-c", 5], "env": {"T": "%s"}}}}
                """.formatted(PLANTED));
        CliRun run = runWithin20s("run", "--config", config.toString(), "--server", "gh");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains(config + ":1:56: server 'gh': args[1] must be a string, not number");
        assertNoLeakNorInternalError(run);
    }

    @Test
    void runConfigNamedPipeIsRefusedWithoutBlocking() throws Exception {
        Path fifo = fifo("pipe.json");
        CliRun run = runWithin20s("run", "--config", fifo.toString(), "--server", "x");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("--config " + fifo + ": is a named pipe (FIFO), not a regular file");
    }

    @Test
    void envFileNamedPipeAndEndlessDeviceAreRefusedWithoutBlockingOrFillingTheHeap() throws Exception {
        Path fifo = fifo("refs.env");
        CliRun pipe = runWithin20s("run", "--env-file", fifo.toString(), "--", "true");
        assertThat(pipe.exitCode()).isEqualTo(125);
        assertThat(pipe.err()).contains("--env-file " + fifo + ": is a named pipe (FIFO), not a regular file");
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        CliRun zero = runWithin20s("run", "--env-file", "/dev/zero", "--", "true");
        assertThat(zero.exitCode()).isEqualTo(125);
        assertThat(zero.err()).contains("--env-file /dev/zero: is a character device, not a regular file");
    }

    @Test
    void runConfigNestedHundredThousandDeepStopsAtTheDepthLimit() throws Exception {
        Path config = trusted("deep.json", "{\"mcpServers\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        CliRun run = runWithin20s("run", "--config", config.toString(), "--server", "x");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains(config + ":1:528: not valid JSON: nesting deeper than 512 levels");
        assertNoLeakNorInternalError(run);
    }

    @Test
    void runConfigWithAHugeStringIsRefusedByTheSizeLimit() throws Exception {
        Path config = tmp.resolve("huge.json");
        try (var out = Files.newOutputStream(config)) {
            out.write("{\"mcpServers\": {\"x\": {\"command\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = PLANTED.repeat(4096).getBytes(StandardCharsets.UTF_8);
            for (long n = 0; n < 33L * 1024 * 1024; n += chunk.length) {
                out.write(chunk);
            }
            out.write("\"}}}".getBytes(StandardCharsets.UTF_8));
        }
        CliRun run = runWithin20s("run", "--config", config.toString(), "--server", "x");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("--config " + config + ": is larger than 32 MiB");
        assertNoLeakNorInternalError(run);
    }

    @Test
    void trustOfANamedPipeOrAnUnreadableFileIsAUsageError() throws Exception {
        Path fifo = fifo("pipe.json");
        CliRun pipe = runWithin20s("trust", fifo.toString());
        assertThat(pipe.exitCode()).isEqualTo(2);
        assertThat(pipe.err()).contains(fifo + ": is a named pipe (FIFO), not a regular file");

        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files of mode 000");
        Path locked = Files.writeString(tmp.resolve("locked.json"), "{\"mcpServers\": {}}");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        CliRun run = runWithin20s("trust", locked.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(locked + ": cannot read (permission denied)");
        assertNoLeakNorInternalError(run);
    }

    @Test
    void auditOutputThatIsADirectoryOrHasNoParentIsAUsageError() throws Exception {
        Path config = Files.writeString(tmp.resolve("a.json"), "{\"mcpServers\": {}}");
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        CliRun toDir = runWithin20s("audit", "-o", dir.toString(), config.toString());
        assertThat(toDir.exitCode()).isEqualTo(2);
        assertThat(toDir.err()).contains("--output " + dir + ": is a directory");
        assertNoLeakNorInternalError(toDir);
        Path orphan = tmp.resolve("no/such/dir/report.json");
        CliRun noParent = runWithin20s("audit", "-o", orphan.toString(), config.toString());
        assertThat(noParent.exitCode()).isEqualTo(2);
        assertThat(noParent.err()).contains("--output " + orphan + ": no such directory");
    }

    @Test
    void auditOfANamedPipeSaysItIsNotARegularFile() throws Exception {
        Path fifo = fifo("pipe.json");
        CliRun run = runWithin20s("audit", fifo.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("is a named pipe (FIFO), not a regular file");
    }

    @Test
    void usagesSaysWhichConfigsCouldNotBeRead() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"),
                "{\"mcpServers\": {\"gh\": {\"env\": {\"T\": " + PLANTED + "}}}}");
        Path fine = Files.writeString(tmp.resolve("fine.json"),
                "{\"mcpServers\": {\"gh\": {\"command\": \"x\", \"env\": {\"T\": \"env:GH\"}}}}");
        CliRun run = runWithin20s("usages", broken.toString(), fine.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(broken + ":1:37: not valid JSON").contains("its values were not searched");
        assertThat(run.out()).contains("1 value in 1 config; 1 config could not be read");
        assertNoLeakNorInternalError(run);
    }

    @Test
    void usagesValueStdinFindsValuesInsideServerUrls() throws Exception {
        Path config = Files.writeString(tmp.resolve("remote.json"), """
                {"mcpServers": {
                  "basic": {"url": "https://bob:%1$s-pw@mcp.example.com/sse"},
                  "query": {"type": "http", "url": "https://mcp.example.com/mcp?team=a&api_key=%1$s-key"},
                  "escaped": {"url": "https://bob:%2$s@mcp.example.com/sse"}
                }}
                """.formatted(PLANTED, "p%40ss-" + PLANTED.substring(8)));
        assertThat(valueStdin(PLANTED + "-pw", config).out()).contains("server basic  url").contains("1 place holds");
        assertThat(valueStdin(PLANTED + "-key", config).out()).contains("server query  url").contains("1 place holds");
        CliRun escaped = valueStdin("p@ss-" + PLANTED.substring(8), config);
        assertThat(escaped.exitCode()).isZero();
        assertThat(escaped.out()).contains("server escaped  url");
        assertNoLeakNorInternalError(escaped);
        CliRun listing = runWithin20s("usages", config.toString());
        assertThat(listing.out()).doesNotContain("url");
        assertNoLeakNorInternalError(listing);
    }

    @Test
    void usagesValueStdinSaysWhenAConfigCouldNotBeReadInsteadOfNotFound() throws Exception {
        Path fifo = fifo("pipe.json");
        CliRun run = valueStdin(PLANTED, fifo);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(fifo + ": is a named pipe (FIFO), not a regular file");
        assertThat(run.out()).contains("not in the 0 configs that could be read; 1 config could not be read");
        assertNoLeakNorInternalError(run);
    }

    private CliRun valueStdin(String value, Path config) throws Exception {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream((value + "\n").getBytes(StandardCharsets.UTF_8)));
            return runWithin20s("usages", "--value-stdin", config.toString());
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void vscodeFileUnderAnotherNameHasItsInputsRead() throws Exception {
        Path config = Files.writeString(tmp.resolve("team-mcp.json"), """
                {
                  // prompted when the server starts
                  "inputs": [{"type": "promptString", "id": "key", "password": true}],
                  "servers": {"s": {"command": "x", "env": {"K": "${input:key}"}}}
                }
                """);
        CliRun run = runWithin20s("audit", "--fail-on", "info", config.toString());
        assertThat(run.out()).contains("1 config").doesNotContain("MCP-SEC-003")
                .doesNotContain("no \"inputs\" entry").doesNotContain("MCP-CFG");
    }
}
