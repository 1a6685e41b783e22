package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dotenv set} into a directory another user can write: refused in production, warned about elsewhere. */
class DotenvSetSafetyTest {
    @TempDir
    Path tmp;

    private Path sharedDirectory() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        return shared;
    }

    @Test
    void productionProfileRefusesADirectoryOthersCanWrite() throws Exception {
        Path file = sharedDirectory().resolve(".env");
        ProcessRun run = JvmRun.start(tmp, TestEnvironment.of(tmp), "value\n", "dotenv", "set", "KEY", "--file",
                file.toString(), "--profile", "production").finish();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not written").contains("777").contains("chmod go-w " + file.getParent());
        assertThat(file).doesNotExist();
    }

    @Test
    void elsewhereTheWriteGoesAheadWithAWarning() throws Exception {
        Path file = sharedDirectory().resolve(".env");
        ProcessRun run = JvmRun.start(tmp, TestEnvironment.of(tmp), "value\n", "dotenv", "set", "KEY", "--file",
                file.toString()).finish();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("WARN").contains("777").contains("chmod go-w");
        assertThat(Files.readString(file)).isEqualTo("KEY=value\n");
    }

    @Test
    void userNamedSymlinkIsWrittenThroughToItsTargetWhichStaysPrivate() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("vault")).resolve("real.env");
        Files.writeString(real, "A=1\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.env"), real);
        ProcessRun run = JvmRun.start(tmp, TestEnvironment.of(tmp), "two\n", "dotenv", "set", "B", "--file",
                link.toString()).finish();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("A=1\nB=two\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
    }
}
