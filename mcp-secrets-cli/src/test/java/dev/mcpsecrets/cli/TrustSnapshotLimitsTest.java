package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trusted snapshot of a config is read by the one bounded reader, with its limit and its errors. */
class TrustSnapshotLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void anOversizedConfigFailsAsTheBoundedReaderFailsNamingThePathGiven() throws Exception {
        Path big = Files.writeString(tmp.resolve(".mcp.json"), "{\"k\": \"PLANTED-TrustSnapZZ7788\"}");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(FileLimits.MAX_CONFIG_BYTES + 1);
        }
        Throwable bounded = catchThrowable(() -> BoundedFiles.read(big, FileLimits.MAX_CONFIG_BYTES));
        Throwable snapshot = catchThrowable(() -> TrustStore.snapshot(big));

        assertThat(snapshot).isInstanceOfSatisfying(FileLimitException.class, e -> {
            assertThat(e.problem()).isEqualTo(FileLimitException.Problem.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo(bounded.getMessage()).doesNotContain("PLANTED");
        });
    }

    @Test
    void aNamedPipeIsRefusedAsTheBoundedReaderRefusesIt() throws Exception {
        Path fifo = tmp.resolve("mcp.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");

        Throwable snapshot = CompletableFuture.supplyAsync(() -> catchThrowable(() -> TrustStore.snapshot(fifo)))
                .get(10, TimeUnit.SECONDS);

        assertThat(snapshot).isInstanceOfSatisfying(FileLimitException.class, e -> {
            assertThat(e.problem()).isEqualTo(FileLimitException.Problem.NOT_A_REGULAR_FILE);
            assertThat(e.getMessage()).isEqualTo(fifo + " is a named pipe (FIFO), not a regular file; not read");
        });
    }
}
