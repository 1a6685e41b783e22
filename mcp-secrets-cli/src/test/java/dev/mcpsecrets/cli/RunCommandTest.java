package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path tmp;

    private Map<String, String> env(String... pairs) {
        return TestEnvironment.of(tmp, pairs);
    }

    @Test
    void childGetsTheSecretInItsEnvironmentAndNotInItsArguments() {
        // exit 8: wrong value in the environment; exit 9: the value shows up in the child's argv
        CliRun run = CliRun.of(env("SRC_TOKEN", "v4lue-xyz"), "run", "--env", "TOKEN=env:SRC_TOKEN", "--",
                "sh", "-c", "tr '\\0' ' ' < /proc/$$/cmdline | grep -qF \"$TOKEN\" && exit 9; "
                        + "[ \"$TOKEN\" = \"$(printf 'v4lue-%s' xyz)\" ] || exit 8; exit 0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("v4lue-xyz");
    }

    @Test
    void childsOwnExitCodeIsReturned() {
        CliRun run = CliRun.of(env(), "run", "--", "sh", "-c", "exit 42");
        assertThat(run.exitCode()).isEqualTo(42);
    }

    @Test
    void optionsAfterTheCommandBelongToTheCommand() {
        CliRun run = CliRun.of(env(), "run", "sh", "-c", "exit 7");
        assertThat(run.exitCode()).isEqualTo(7);
    }

    @Test
    void unknownCommandExits127() {
        CliRun run = CliRun.of(env(), "run", "--", "no-such-command-here");
        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.err()).contains("no-such-command-here").contains("not found");
    }

    @Test
    void nonExecutableFileExits126() throws Exception {
        Path script = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-------"));
        CliRun run = CliRun.of(env(), "run", "--", script.toString());
        assertThat(run.exitCode()).isEqualTo(126);
        assertThat(run.err()).contains("not executable");
    }

    @Test
    void missingSecretExits125AndTheChildNeverStarts() throws Exception {
        Path marker = tmp.resolve("started");
        CliRun run = CliRun.of(env(), "run", "--env", "TOKEN=env:NOT_SET_ANYWHERE", "--", "touch", marker.toString());
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("TOKEN").contains("NOT_SET_ANYWHERE").contains("NOT_FOUND");
        assertThat(marker).doesNotExist();
    }

    @Test
    void malformedReferenceOrOptionExits125NotTwo() {
        assertThat(CliRun.of(env(), "run", "--env", "TOKEN=nope:x", "--", "true").exitCode()).isEqualTo(125);
        assertThat(CliRun.of(env(), "run", "--bogus", "--", "true").exitCode()).isEqualTo(125);
        assertThat(CliRun.of(env(), "run").exitCode()).isEqualTo(125);
        assertThat(CliRun.of(env(), "run", "--profile", "no good", "--", "true").exitCode()).isEqualTo(125);
        assertThat(CliRun.of(env(), "run", "--timeout", "0", "--", "true").exitCode()).isEqualTo(125);
    }

    @Test
    void envFileIsReadWithCommentsAndBadLinesNamedByLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("refs.env"), "# refs\n\nexport TOKEN=env:SRC\n");
        CliRun ok = CliRun.of(env("SRC", "abc"), "run", "--env-file", file.toString(), "--",
                "sh", "-c", "[ \"$TOKEN\" = abc ]");
        assertThat(ok.exitCode()).as(ok.err()).isZero();

        Path bad = Files.writeString(tmp.resolve("bad.env"), "TOKEN=env:SRC\nghp_pastedSecretValue123\n");
        CliRun run = CliRun.of(env("SRC", "abc"), "run", "--env-file", bad.toString(), "--", "true");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains(bad + ":2").doesNotContain("ghp_pasted");
    }

    @Property(tries = 30)
    void valueNeverPrintedWhenTheChildFails(@ForAll @AlphaChars @StringLength(min = 8, max = 30) String value) {
        CliRun run = CliRun.of(env("SRC", value), "run", "--env", "T=env:SRC", "--env", "U=env:MISSING_ONE", "--", "true");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.out() + run.err()).doesNotContain(value);
    }
}
