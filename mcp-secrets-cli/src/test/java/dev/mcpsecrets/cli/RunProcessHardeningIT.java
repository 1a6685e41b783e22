package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code run} as a separate process when its standard streams are unusual: a closed stdin reaches the
 * child as {@code /dev/null} (not a JDK file), and the JVM's own output (the SIGQUIT thread dump, log
 * warnings) never enters the child's stdout, which is the JSON-RPC stream.
 */
class RunProcessHardeningIT {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path JAR = Path.of("target/mcp-secrets.jar").toAbsolutePath();
    /** Prints where its stdin points and how many bytes it holds. */
    private static final String STDIN_PROBE = "readlink /proc/$$/fd/0; wc -c";

    @TempDir
    Path tmp;

    /** Runs {@code command} through sh with stdin closed; returns its stdout. */
    private String withStdinClosed(List<String> command) throws Exception {
        List<String> sh = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" <&-", "sh"));
        sh.addAll(command);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(sh).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("MCP_SECRETS_NO_CDS", "1");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "java -jar"})
    void aClosedStdinReachesTheChildAsDevNull(String how) throws Exception {
        List<String> command = new ArrayList<>(how.equals("launcher") ? List.of(ProcessRun.LAUNCHER.toString())
                : List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(List.of("run", "--", "sh", "-c", STDIN_PROBE));
        assertThat(withStdinClosed(command)).isEqualTo("/dev/null\n0\n");
    }

    @Test
    void dotenvSetWithStdinClosedAndNoTerminalRefusesInsteadOfReadingAJdkFile() throws Exception {
        Path file = tmp.resolve("closed.env");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "exec \"$@\" <&-", "sh", JAVA.toString(), "-jar", JAR.toString(),
                "dotenv", "set", "KEY", "--file", file.toString()).redirectError(err.toFile());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err)).contains("stdin is closed");
        assertThat(file).doesNotExist();
    }

    @Test
    void dotenvSetWithADirectoryAsStdinSaysSoInsteadOfAnInternalError() throws Exception {
        Path file = tmp.resolve("dir-stdin.env");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder("sh", "-c", "exec \"$@\" < \"$0\"", tmp.toString(), JAVA.toString(), "-jar",
                JAR.toString(), "dotenv", "set", "KEY", "--file", file.toString()).redirectError(err.toFile()).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err)).contains("cannot read the value from stdin").doesNotContain("internal error");
        assertThat(file).doesNotExist();
    }

    @Test
    void sigquitToRunLeavesTheChildsStdoutByteExact() throws Exception {
        Path out = tmp.resolve("out.bin");
        Path err = tmp.resolve("err.txt");
        // the stub child echoes its stdin; run execs the JVM, so the launcher's pid is run's
        ProcessBuilder pb = new ProcessBuilder(ProcessRun.LAUNCHER.toString(), "run", "--", "cat")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("MCP_SECRETS_NO_CDS", "1");
        Process run = pb.start();
        byte[] first = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream stdin = run.getOutputStream()) {
            stdin.write(first);
            stdin.flush();
            awaitSize(out, first.length, run);
            assertThat(run.descendants().count()).as("the child is running").isPositive();

            Process quit = new ProcessBuilder("kill", "-QUIT", Long.toString(run.pid())).start();
            assertThat(quit.waitFor(10, TimeUnit.SECONDS) && quit.exitValue() == 0).isTrue();
            awaitContent(err, "Full thread dump", run);

            stdin.write(second);
        }
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(err)).isZero();
        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    }

    @Test
    void jvmLogWarningsGoToStderrNotStdout() throws Exception {
        // large pages are asked for but (on most machines) not configured: the JVM logs a warning, by default on stdout
        ProcessRun run = ProcessRun.of(List.of(ProcessRun.LAUNCHER.toString(), "run", "--", "printf", "exact"),
                java.util.Map.of("MCP_SECRETS_NO_CDS", "1", "MCP_SECRETS_JAVA_OPTS", "-XX:+UseLargePages"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("exact");
    }

    private static void awaitSize(Path file, long size, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.size(file) < size) {
            assertThat(p.isAlive()).as("run is still running").isTrue();
            assertThat(System.nanoTime()).as("waiting for " + size + " bytes in " + file).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitContent(Path file, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(file, StandardCharsets.ISO_8859_1).contains(text)) {
            assertThat(p.isAlive()).as("run survives QUIT").isTrue();
            assertThat(System.nanoTime()).as("waiting for the thread dump on stderr").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
