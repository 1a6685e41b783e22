package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dotenv set|remove} on a file that cannot be used: one line naming the file and what is wrong
 * (never its content, never "internal error"), exit code 1, and nothing written.
 */
class DotenvFileErrorsTest {
    private static final byte[] VALUE = "v4lue-from-stdin".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private CliRun set(Path file) {
        return DotenvSetInputTest.withStdin(VALUE, TestEnvironment.of(tmp), "dotenv", "set", "KEY", "--file", file.toString());
    }

    private CliRun remove(Path file) {
        return CliRun.of(TestEnvironment.of(tmp), "dotenv", "remove", "KEY", "--file", file.toString());
    }

    private static void assertRefused(CliRun run, Path file, String what) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("mcp-secrets: ").contains(file.toString()).contains(what)
                .doesNotContain("internal error").doesNotContain("v4lue").doesNotContain("Exception");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aDirectoryIsRefusedNamingIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config.env"));
        assertRefused(set(dir), dir, "it is a directory");
        assertRefused(remove(dir), dir, "it is a directory");
        try (var entries = Files.list(dir)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aSymlinkLoopIsRefusedNamingIt() throws Exception {
        Path a = tmp.resolve("a.env");
        Path b = tmp.resolve("b.env");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertRefused(set(a), a, "symbolic links");
        assertRefused(remove(a), a, "symbolic links");
        assertThat(Files.isSymbolicLink(a) && Files.isSymbolicLink(b)).isTrue();
    }

    @Test
    void anExistingFileThatIsNotUtf8IsRefusedAtItsPositionWithoutContent() throws Exception {
        Path file = tmp.resolve(".env");
        byte[] content = "OK=1\nTOKEN=s3cr3t-\u00e9-tail\n".getBytes(StandardCharsets.UTF_8);
        content[14] = (byte) 0xFF;
        Files.write(file, content);
        assertRefused(set(file), file, ":2:");
        assertRefused(remove(file), file, "not valid UTF-8");
        assertThat(set(file).err()).doesNotContain("s3cr3t").doesNotContain("tail");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void aFifoIsRefusedInsteadOfWaitingForAWriter() throws Exception {
        Path fifo = tmp.resolve("fifo.env");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo not available");
        assertRefused(set(fifo), fifo, "not a regular file");
        assertRefused(remove(fifo), fifo, "not a regular file");
    }

    @Test
    void aDanglingSymlinkIsRefusedRatherThanReplaced() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link.env"), tmp.resolve("missing/target.env"));
        assertRefused(set(link), link, "does not exist");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void anUnreadableFileIsRefusedNamingThePermission() throws Exception {
        Path file = Files.writeString(tmp.resolve(".env"), "TOKEN=s3cr3t\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable, nothing to test");
        assertRefused(set(file), file, "permission denied");
        assertRefused(remove(file), file, "permission denied");
    }

    @Test
    void aFileInADirectoryThatCannotBeCreatedIsRefusedNamingTheProblem() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("plain"), "x");
        Path file = notADir.resolve(".env");
        CliRun run = set(file);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(file.toString()).doesNotContain("internal error").doesNotContain("v4lue");
        assertThat(Files.readString(notADir)).isEqualTo("x");
    }

    @Test
    void theReasonNeverComesFromAFreeFormMessage() {
        assertThat(DotenvTarget.reason(new java.nio.file.AccessDeniedException("/x", null, "anything")))
                .isEqualTo("permission denied");
        assertThat(DotenvTarget.reason(new java.io.IOException("s3cr3t in a message"))).isEqualTo("IOException");
        assertThat(List.of(DotenvTarget.reason(new java.nio.file.FileSystemException("/x", null,
                "Too many levels of symbolic links")))).containsExactly("too many levels of symbolic links (a symlink loop?)");
    }
}
