package dev.mcpsecrets.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a {@code .env} for editing ({@link DotenvFile#load}, {@link DotenvFile#update}) reads through the
 * one bounded reader: a named pipe is refused without waiting for a writer, a file over the dotenv limit is
 * refused, each with the bounded reader's own error and never any of the file's text.
 */
class DotenvFileEditLimitsTest {
    private static final String PLANTED = "PLANTEDEDITLIMITS7Q2W";

    @TempDir
    Path tmp;

    /** Runs on another thread so that a blocking open fails the test instead of hanging the build. */
    private static Throwable failureOf(Runnable read) throws Exception {
        return CompletableFuture.supplyAsync(() -> catchThrowable(read::run)).get(10, TimeUnit.SECONDS);
    }

    private static void load(Path file) {
        try {
            DotenvFile.load(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void update(Path file) {
        try {
            DotenvFile.update(file, f -> f.set("KEY", Secret.of(PLANTED)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aNamedPipeIsRefusedWithoutBlockingByLoadAndUpdate() throws Exception {
        Path fifo = tmp.resolve(".env");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        Path real = fifo.toRealPath();

        for (Throwable t : new Throwable[] {failureOf(() -> load(fifo)), failureOf(() -> update(fifo))}) {
            assertThat(t).hasCauseInstanceOf(FileLimitException.class);
            FileLimitException e = (FileLimitException) t.getCause();
            assertThat(e.problem()).isEqualTo(FileLimitException.Problem.NOT_A_REGULAR_FILE);
            assertThat(e.getMessage()).isEqualTo(real + " is a named pipe (FIFO), not a regular file; not read");
        }
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void aFileOverTheDotenvLimitIsRefusedWithTheSharedLimitInTheMessage() throws Exception {
        Path big = Files.writeString(tmp.resolve("big.env"), "KEY=" + PLANTED + "\n");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(FileLimits.MAX_DOTENV_BYTES + 1); // sparse
        }

        Throwable t = failureOf(() -> load(big));

        assertThat(t).hasCauseInstanceOf(FileLimitException.class);
        assertThat(t.getCause().getMessage()).endsWith(" is larger than 64 MiB; not read").doesNotContain(PLANTED);
    }
}
