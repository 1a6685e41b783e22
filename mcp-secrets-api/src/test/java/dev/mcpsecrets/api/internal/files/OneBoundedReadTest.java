package dev.mcpsecrets.api.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writers' read ({@link SafeFiles#read}, no symlink followed) is the bounded reader itself: the same
 * limits, the same refusals, the same {@link FileLimitException} messages as {@link BoundedFiles#read}.
 */
class OneBoundedReadTest {
    private static final String PLANTED = "PLANTED-SafeReadQ7mZx2LwR9vT4kN8pB3s";

    @TempDir
    Path dir;

    private static Throwable failureOf(ThrowingRead read) throws Exception {
        return CompletableFuture.supplyAsync(() -> catchThrowable(read::read)).get(10, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface ThrowingRead {
        void read() throws Exception;
    }

    @Test
    void aFileOverTheLimitFailsAlikeOnBothPaths() throws Exception {
        Path big = dir.resolve("big.env");
        Files.writeString(big, PLANTED);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(FileLimits.MAX_CONFIG_BYTES + 1); // sparse: nothing is written
        }
        Throwable bounded = failureOf(() -> BoundedFiles.read(big, FileLimits.MAX_CONFIG_BYTES));
        Path real = big.toRealPath();
        Throwable safe = failureOf(() -> SafeFiles.read(real, FileLimits.MAX_CONFIG_BYTES));

        assertThat(safe).isInstanceOfSatisfying(FileLimitException.class, e -> {
            assertThat(e.problem()).isEqualTo(FileLimitException.Problem.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo(bounded.getMessage().replace(big.toString(), real.toString()))
                    .endsWith("is larger than 32 MiB; not read").doesNotContain(PLANTED);
        });
    }

    @Test
    void aNamedPipeIsRefusedWithoutBlockingAndWithTheBoundedReadersMessage() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        Path real = fifo.toRealPath();

        Throwable safe = failureOf(() -> SafeFiles.read(real, FileLimits.MAX_DOTENV_BYTES));

        assertThat(safe).isInstanceOfSatisfying(FileLimitException.class, e -> {
            assertThat(e.problem()).isEqualTo(FileLimitException.Problem.NOT_A_REGULAR_FILE);
            assertThat(e.getMessage()).isEqualTo(real + " is a named pipe (FIFO), not a regular file; not read");
        });
    }

    @Test
    void aSymlinkAtTheNameIsRefusedNotFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), PLANTED);
        Path link = Files.createSymbolicLink(dir.toRealPath().resolve("link"), target);

        Throwable safe = failureOf(() -> SafeFiles.read(link, 1024));

        assertThat(safe).isInstanceOfSatisfying(FileLimitException.class, e -> assertThat(e.getMessage())
                .isEqualTo(link + " is a symbolic link, not a regular file; not read").doesNotContain(PLANTED));
    }

    @Test
    void aRegularFileIsReadWhole() throws Exception {
        Path f = Files.writeString(dir.resolve("ok.env"), "K=" + PLANTED + "\n");
        assertThat(new String(SafeFiles.read(f.toRealPath(), 1024).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("K=" + PLANTED + "\n");
        assertThat(SafeFiles.read(dir.toRealPath().resolve("missing"), 1024)).isEmpty();
    }
}
