package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verbose} log lines carry names from configs and arguments (the command started, files, references):
 * a terminal control in them is escaped, so a config cannot clear the screen, retitle the window or forge a
 * log line through the log.
 */
class VerboseLogEscapingTest {
    @TempDir
    Path tmp;

    @Test
    void aCommandNamedWithTerminalControlsIsLoggedEscaped() throws Exception {
        String name = "srv\u001b]0;PWNED\u0007\u001b[2J\nFORGED-LINE";
        Path program = Files.writeString(tmp.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.resolve("home").toString());

        ProcessRun run = JvmRun.start(tmp, env, "", "run", "--verbose", "--", program.toString()).finish();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("started ").contains("srv\\u001b]0;PWNED\\u0007\\u001b[2J\\nFORGED-LINE")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\nFORGED-LINE");
    }

    @Test
    void theLogStreamEscapesEachPrintedPieceAndKeepsTheLineEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new Logging.EscapingStream(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        stream.println("[INFO] started a\u001b[2Jb\rc\u202ed");
        stream.println((Object) "x\ny");
        stream.print("plain text, ünïcode kept");
        stream.println();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[INFO] started a\\u001b[2Jb\\rc\\u202ed"
                + System.lineSeparator() + "x\\ny" + System.lineSeparator() + "plain text, ünïcode kept"
                + System.lineSeparator());
    }
}
