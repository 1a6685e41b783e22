package dev.mcpsecrets.api.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one bounded file read every path that reads a file goes through. */
class BoundedFilesTest {
    private static final String PLANTED = "PLANTED-ghp_Q7mZx2LwR9vT4kN8pB3s";

    @TempDir
    Path dir;

    private Path fifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        return fifo;
    }

    /** Runs the read on another thread so that a regression (a blocking open) fails instead of hanging the build. */
    private static Throwable failureWithin(Duration limit, Path file, long max) throws Exception {
        CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> {
            try {
                BoundedFiles.read(file, max);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void readsARegularFileWithinTheLimit() throws Exception {
        Path f = Files.writeString(dir.resolve("a.json"), "{\"k\": \"" + PLANTED + "\"}");
        assertThat(new String(BoundedFiles.read(f, 1024), StandardCharsets.UTF_8)).contains(PLANTED);
    }

    @Test
    void namedPipeIsRefusedWithoutBlocking() throws Exception {
        Path fifo = fifo();
        Throwable t = failureWithin(Duration.ofSeconds(10), fifo, FileLimits.MAX_CONFIG_BYTES);
        assertThat(t).isInstanceOfSatisfying(FileLimitException.class, e -> {
            assertThat(e.problem()).isEqualTo(FileLimitException.Problem.NOT_A_REGULAR_FILE);
            assertThat(e.getMessage()).isEqualTo(fifo + " is a named pipe (FIFO), not a regular file; not read");
        });
    }

    @Test
    void endlessDeviceIsRefusedWithoutReadingIt() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        Throwable t = failureWithin(Duration.ofSeconds(10), zero, FileLimits.MAX_CONFIG_BYTES);
        assertThat(t).isInstanceOfSatisfying(FileLimitException.class,
                e -> assertThat(e.getMessage()).isEqualTo("/dev/zero is a character device, not a regular file; not read"));
    }

    @Test
    void directoryIsRefused() {
        assertThatThrownBy(() -> BoundedFiles.read(dir, 1024)).isInstanceOf(FileLimitException.class)
                .hasMessage(dir + " is a directory, not a regular file; not read");
    }

    @Test
    void fileOverTheLimitIsRefusedNamingTheLimitNotTheContent() throws Exception {
        Path f = Files.writeString(dir.resolve("big"), PLANTED.repeat(100));
        assertThatThrownBy(() -> BoundedFiles.read(f, 1024))
                .isInstanceOfSatisfying(FileLimitException.class,
                        e -> assertThat(e.problem()).isEqualTo(FileLimitException.Problem.TOO_LARGE))
                .hasMessage(f + " is larger than 1 KiB; not read")
                .hasMessageNotContaining(PLANTED);
    }

    @Test
    void fileExactlyAtTheLimitIsRead() throws Exception {
        Path f = Files.write(dir.resolve("edge"), new byte[1024]);
        assertThat(BoundedFiles.read(f, 1024)).hasSize(1024);
    }

    @Test
    void symlinkToARegularFileIsReadAndToAPipeIsRefused() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), PLANTED);
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThat(new String(BoundedFiles.read(link, 1024), StandardCharsets.UTF_8)).isEqualTo(PLANTED);
        Path toPipe = Files.createSymbolicLink(dir.resolve("to-pipe"), fifo());
        Throwable t = failureWithin(Duration.ofSeconds(10), toPipe, 1024);
        assertThat(t).isInstanceOf(FileLimitException.class).hasMessageContaining("named pipe");
    }

    @Test
    void limitsAreOneDocumentedSet() {
        assertThat(FileLimits.describe(FileLimits.MAX_CONFIG_BYTES)).isEqualTo("32 MiB");
        assertThat(FileLimits.describe(FileLimits.MAX_DOTENV_BYTES)).isEqualTo("64 MiB");
        assertThat(FileLimits.describe(FileLimits.MAX_SECRET_FILE_BYTES)).isEqualTo("1 MiB");
        assertThat(FileLimits.MAX_JSON_DEPTH).isEqualTo(512);
        assertThat(FileLimits.describe(1000)).isEqualTo("1000 bytes");
    }
}
