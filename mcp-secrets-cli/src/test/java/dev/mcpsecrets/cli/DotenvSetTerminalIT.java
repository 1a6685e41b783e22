package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dotenv set} at a real terminal (a pseudo-terminal from util-linux {@code script}): the value is
 * one line typed without echo; with stdout redirected, no value is read at all rather than echoed.
 */
class DotenvSetTerminalIT {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path JAR = Path.of("target/mcp-secrets.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsScript() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "script"));
        }
        Assumptions.assumeTrue(found, "util-linux 'script' (a pseudo-terminal) is not installed");
    }

    private Process atTerminal(String shellCommand) throws Exception {
        return new ProcessBuilder("script", "-qec", shellCommand, "/dev/null").redirectErrorStream(true).start();
    }

    private static String readUntil(InputStream in, String text, Process p) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("waiting for '" + text + "', seen: " + seen).isLessThan(deadline);
            if (in.available() > 0) {
                seen.write(in.read());
            } else {
                assertThat(p.isAlive()).as("still running; seen: " + seen).isTrue();
                Thread.sleep(10);
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTypedValueIsOneLineAndNotEchoed() throws Exception {
        Path file = tmp.resolve("typed.env");
        Process p = atTerminal(JAVA + " -jar " + JAR + " dotenv set KEY --file " + file);
        InputStream out = p.getInputStream();
        readUntil(out, "(not shown): ", p);
        try (OutputStream in = p.getOutputStream()) {
            in.write("typed-s3cr3t\nsecond-line\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String rest = readUntil(out, "reference: dotenv:", p);
            assertThat(rest).doesNotContain("typed-s3cr3t");
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(file)).isEqualTo("KEY=typed-s3cr3t\n");
    }

    @Test
    void withStdoutRedirectedNothingIsReadFromTheTerminal() throws Exception {
        Path file = tmp.resolve("redirected.env");
        Path log = tmp.resolve("stdout.txt");
        Process p = atTerminal(JAVA + " -jar " + JAR + " dotenv set KEY --file " + file + " > " + log + "; echo exit=$? end-of-test");
        String seen = readUntil(p.getInputStream(), "end-of-test", p);
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).contains("cannot be typed without echo").contains("exit=2");
        assertThat(file).doesNotExist();
    }
}
