package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mcp-secrets run} as a separate process: streams, signals and exit codes as a client sees them. */
class RunProcessIT {
    private static final String LAUNCHER = ProcessRun.LAUNCHER.toString();
    /** Exits 42 on TERM (and says so); any other way out would give a different code. */
    private static final String TRAPPING_CHILD =
            "trap 'echo child-got-term >&2; exit 42' TERM; echo ready; while :; do sleep 0.05; done";

    @TempDir
    Path tmp;

    @Test
    void standardStreamsPassThroughByteForByte() throws Exception {
        byte[] input = new byte[256 * 1024];
        new Random(7).nextBytes(input);
        Path in = Files.write(tmp.resolve("in.bin"), input);
        Path out = tmp.resolve("out.bin");
        Path err = tmp.resolve("err.bin");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER, "run", "--env", "T=env:SRC", "--", "sh", "-c", "cat; cat >&2 < /dev/null")
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SRC", "value");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(input);
        assertThat(Files.readAllBytes(err)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void terminationSignalsReachTheChildAsTermAndItsCodeIsReturned(String signal) throws Exception {
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER, "run", "--", "sh", "-c", TRAPPING_CHILD).redirectError(err.toFile());
        // no class-data archive training run in the background: every descendant here must be the child
        pb.environment().put("MCP_SECRETS_NO_CDS", "1");
        Process p = pb.start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(stdout.readLine()).isEqualTo("ready");
        if (ignoredAtStart(p.pid(), signal)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            Assumptions.abort(signal + " was ignored by the shell that started this build, so no process below it sees it");
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("run exits after " + signal).isTrue();
        assertThat(p.exitValue()).isEqualTo(42);
        assertThat(Files.readString(err)).contains("child-got-term");
        assertThat(p.descendants().count()).isZero();
    }

    /** Background jobs of a non-interactive shell start with INT ignored, and the JVM keeps it so. */
    static boolean ignoredAtStart(long pid, String signal) throws java.io.IOException {
        int number = switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            default -> 15;
        };
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void exitCodesForMissingAndNonExecutableCommands() throws Exception {
        assertThat(ProcessRun.of(List.of(LAUNCHER, "run", "--", "no-such-command-xyz"), java.util.Map.of()).exitCode())
                .isEqualTo(127);
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "not a program");
        assertThat(ProcessRun.of(List.of(LAUNCHER, "run", "--", plain.toString()), java.util.Map.of()).exitCode())
                .isEqualTo(126);
        assertThat(ProcessRun.of(List.of(LAUNCHER, "run", "--", "sh", "-c", "exit 3"), java.util.Map.of()).exitCode())
                .isEqualTo(3);
    }
}
