package dev.mcpsecrets.api.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared secret-file rules: each problem names the file and comes with the command that fixes it. */
class FileSafetyTest {
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions are not supported on this file system");
    }

    private Path file(String name, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "TOKEN=x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aFileClosedToGroupAndOthersIsNotShared() throws IOException {
        assertThat(FileSafety.checkNotShared(file("a", "rw-------"))).isEmpty();
        assertThat(FileSafety.checkNotShared(file("b", "r--------"))).isEmpty();
    }

    @Test
    void aFileGroupCanReadIsSharedAndTheFixIsChmod600() throws IOException {
        Path file = file("shared token", "rw-r-----");
        FileSafety.Violation v = FileSafety.checkNotShared(file).orElseThrow();
        assertThat(v.problem()).contains("mode 640", "accessible to group or others");
        assertThat(v.fix()).isEqualTo("chmod 600 '" + file.toRealPath() + "'");
    }

    @Test
    void aDotenvFileMustBe600Or400AndOwnedByTheUser() throws IOException {
        assertThat(FileSafety.checkFile(file("ok", "rw-------"), USER)).isEmpty();
        assertThat(FileSafety.checkFile(file("ro", "r--------"), USER)).isEmpty();
        assertThat(FileSafety.checkFile(file("exec", "rwx------"), USER))
                .singleElement().satisfies(v -> assertThat(v.problem()).contains("mode 700", "600 or 400"));
        assertThat(FileSafety.checkFile(file("other", "rw-rw-rw-"), "someone-else"))
                .extracting(FileSafety.Violation::fix)
                .containsExactly("chmod 600 " + dir.toRealPath().resolve("other"),
                        "chown someone-else " + dir.toRealPath().resolve("other"));
    }

    @Test
    void aSymlinkIsJudgedByItsTargetAndBothAreNamed() throws IOException {
        Path target = file("target", "rw-r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThat(FileSafety.checkFile(link, USER)).singleElement()
                .satisfies(v -> assertThat(v.problem()).contains("symlink to " + target.toRealPath(), "mode 644"));
    }

    @Test
    void aSecretsDirectoryMustBe700() throws IOException {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(FileSafety.checkDirectory(secrets, USER)).singleElement()
                .satisfies(v -> assertThat(v.fix()).isEqualTo("chmod 700 " + secrets.toRealPath()));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
        assertThat(FileSafety.checkDirectory(secrets, USER)).isEmpty();
    }

    @Test
    void shellWordsAreQuotedOnlyWhenTheyNeedIt() {
        assertThat(FileSafety.shellQuote("/home/u/.config/mcp-secrets/.env")).isEqualTo("/home/u/.config/mcp-secrets/.env");
        assertThat(FileSafety.shellQuote("/tmp/a b")).isEqualTo("'/tmp/a b'");
        assertThat(FileSafety.shellQuote("it's")).isEqualTo("'it'\\''s'");
        assertThat(FileSafety.shellQuote("~/x")).isEqualTo("'~/x'");
        assertThat(FileSafety.shellQuote("$(rm -rf /)")).isEqualTo("'$(rm -rf /)'");
        assertThat(FileSafety.shellQuote("")).isEqualTo("''");
    }
}
