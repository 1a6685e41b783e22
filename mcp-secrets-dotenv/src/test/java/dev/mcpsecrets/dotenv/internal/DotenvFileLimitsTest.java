package dev.mcpsecrets.dotenv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.dotenv.DotenvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .env} files go through the one bounded reader: a pipe or a device is refused, never read. */
class DotenvFileLimitsTest {
    @TempDir
    Path tmp;

    private Path fifo() throws Exception {
        Path fifo = tmp.resolve(".env");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        return fifo;
    }

    @Test
    void limitIsTheSharedOne() {
        assertThat(ParsedFiles.MAX_SIZE).isEqualTo(FileLimits.MAX_DOTENV_BYTES);
    }

    @Test
    void parserRefusesANamedPipeWithoutBlocking() throws Exception {
        Path fifo = fifo();
        IOException e = CompletableFuture.supplyAsync(() -> {
            try {
                DotenvParser.standard().parse(fifo);
                return null;
            } catch (IOException failure) {
                return failure;
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(e).hasMessage(fifo + " is a named pipe (FIFO), not a regular file; not read");
    }

    @Test
    void dotenvReferenceToANamedPipeIsDeniedWithoutBlocking() throws Exception {
        Path fifo = fifo();
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), Map.of("HOME", tmp.toString()));
        SecretException e = CompletableFuture.supplyAsync(() -> {
            try {
                new DotenvProvider().resolve(SecretRef.parse("dotenv:" + fifo + "#KEY"), ctx).destroy();
                return null;
            } catch (SecretException failure) {
                return failure;
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).contains("is a named pipe (FIFO), not a regular file");
    }
}
