package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NUL in a value cannot go into a process environment: refused before the start, the value never shown. */
class RunNulValueTest {
    private static final String PLANTED = "PLANTED-nul-4b1e";

    @TempDir
    Path tmp;

    @Test
    void nulInASecretFromTheEnvironmentIsRefusedWith125NamingTheVariable() {
        Path marker = tmp.resolve("started");
        CliRun run = CliRun.of(TestEnvironment.of(tmp, "SRC", PLANTED + "\0tail"),
                "run", "--env", "TOKEN=env:SRC", "--", "touch", marker.toString());
        assertThat(run.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(run.out() + run.err()).doesNotContain(PLANTED).doesNotContain("tail");
        assertThat(run.err()).contains("TOKEN").contains("NUL");
        assertThat(marker).doesNotExist();
    }

    @Test
    void nulInASecretFileIsRefusedWith125() throws Exception {
        Path file = tmp.resolve("secret");
        Files.write(file, (PLANTED + "\0rest").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Path marker = tmp.resolve("started");
        CliRun run = CliRun.of(TestEnvironment.of(tmp), "run", "--env", "DB_PASSWORD=file:" + file, "--",
                "touch", marker.toString());
        assertThat(run.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(run.out() + run.err()).doesNotContain(PLANTED);
        assertThat(run.err()).contains("DB_PASSWORD");
        assertThat(marker).doesNotExist();
    }

    @Test
    void nulInAnInheritedValueIsRefusedToo() {
        CliRun run = CliRun.of(TestEnvironment.of(tmp, "INHERITED", PLANTED + "\0x"), "run", "--", "true");
        assertThat(run.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(run.out() + run.err()).doesNotContain(PLANTED);
        assertThat(run.err()).contains("INHERITED");
    }

    @Test
    void variableNameWithControlCharactersIsEscapedInTheMessage() {
        CliRun run = CliRun.of(TestEnvironment.of(tmp, "BAD\u001b[2J", PLANTED + "\0"), "run", "--", "true");
        assertThat(run.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(run.err()).doesNotContain("\u001b").contains("BAD\\u001b[2J").doesNotContain(PLANTED);
    }
}
