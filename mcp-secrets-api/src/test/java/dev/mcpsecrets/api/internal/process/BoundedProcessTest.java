package dev.mcpsecrets.api.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one bounded, deadline-killed program run behind the op:// and pass: providers. */
class BoundedProcessTest {
    private static final String SH = "/bin/sh";
    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsAShell() {
        assumeTrue(Files.isExecutable(Path.of(SH)), "no /bin/sh here");
    }

    private static List<String> sh(String script) {
        return List.of(SH, "-c", script);
    }

    @Test
    void standardInputReachesTheProgramAndItsOutputComesBack() throws Exception {
        byte[] in = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        BoundedProcess.Result run = BoundedProcess.run(sh("cat"), Map.of(), in, LONG, 1024, 1024);
        assertThat(run.exitCode()).isZero();
        assertThat(new String(run.stdout(), StandardCharsets.UTF_8)).isEqualTo("line one\nline two\n");
    }

    @Test
    void exitCodeAndStandardErrorAreKept() throws Exception {
        BoundedProcess.Result run = BoundedProcess.run(sh("echo '[GNUPG:] NODATA 1' >&2; exit 3"), Map.of(), null,
                LONG, 1024, 1024);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).isEqualTo("[GNUPG:] NODATA 1\n");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void theChildGetsExactlyTheGivenEnvironment() throws Exception {
        BoundedProcess.Result run = BoundedProcess.run(sh("printf '%s|%s' \"$ONLY\" \"${HOME-unset}\""),
                Map.of("ONLY", "this"), null, LONG, 1024, 1024);
        assertThat(new String(run.stdout(), StandardCharsets.UTF_8)).isEqualTo("this|unset");
    }

    @Test
    void standardErrorPastItsLimitIsDroppedAndTheRunStillSucceeds() throws Exception {
        BoundedProcess.Result run = BoundedProcess.run(sh("i=0; while [ $i -lt 200 ]; do echo 0123456789 >&2;"
                + " i=$((i+1)); done"), Map.of(), null, LONG, 1024, 100);
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).hasSize(100).startsWith("0123456789\n");
    }

    @Test
    void standardOutputPastItsLimitFailsTheRunWithoutTimingOut() {
        BoundedProcess.Failure failure = catchThrowableOfType(BoundedProcess.Failure.class,
                () -> BoundedProcess.run(sh("i=0; while [ $i -lt 200 ]; do echo 0123456789; i=$((i+1)); done"),
                        Map.of(), null, LONG, 100, 1024));
        assertThat(failure.timedOut()).isFalse();
        assertThat(failure).hasMessage("sh wrote more than 100 bytes");
    }

    @Test
    void wipeOverwritesTheCapturedOutput() throws Exception {
        BoundedProcess.Result run = BoundedProcess.run(sh("printf PLANTED-value"), Map.of(), null, LONG, 1024, 1024);
        assertThat(new String(run.stdout(), StandardCharsets.UTF_8)).isEqualTo("PLANTED-value");
        run.wipe();
        assertThat(run.stdout()).containsOnly((byte) 0);
    }

    @Test
    void aProgramThatCannotStartIsNamedByItsFileNameOnly() {
        String missing = dir.resolve("no-such-program").toString();
        BoundedProcess.Failure failure = catchThrowableOfType(BoundedProcess.Failure.class,
                () -> BoundedProcess.run(List.of(missing), Map.of(), null, LONG, 1024, 1024));
        assertThat(failure.timedOut()).isFalse();
        assertThat(failure).hasMessage("cannot start no-such-program (IOException)");
    }

    @Test
    void atTheDeadlineTheProgramAndItsChildrenAreKilled() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();
        BoundedProcess.Failure failure = catchThrowableOfType(BoundedProcess.Failure.class,
                () -> BoundedProcess.run(sh("sleep 60 & echo $! > '" + pidFile + "'; wait"), Map.of(), null,
                        Duration.ofMillis(2000), 1024, 1024));
        assertThat(failure.timedOut()).isTrue();
        assertThat(failure).hasMessage("sh did not finish within 2000 ms; it was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        if (handle.isPresent()) {
            handle.get().onExit().get(10, TimeUnit.SECONDS);
            assertThat(handle.get().isAlive()).isFalse();
        }
    }
}
