package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code file:} references to pipes, devices and oversized files: a clear refusal, never a hang or a full heap. */
class FileReferenceHardeningTest {
    private static final String PLANTED = "PLANTED-ghp_Jx8wQ2nL5tR7vK3mZ9pA";

    @TempDir
    Path dir;

    private final SecretProvider files = BuiltInProviders.files();

    /** The failure of resolving {@code file:path}, within a time limit so that a blocking open fails the test. */
    private SecretException failure(Path path) throws Exception {
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), Map.of());
        CompletableFuture<SecretException> result = CompletableFuture.supplyAsync(() -> {
            try {
                files.resolve(SecretRef.of("file", path.toString()), ctx).destroy();
                return null;
            } catch (SecretException e) {
                return e;
            }
        });
        SecretException e = result.get(10, TimeUnit.SECONDS);
        assertThat(e).as("resolving file:%s should fail", path).isNotNull();
        return e;
    }

    @Test
    void namedPipeIsDeniedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        SecretException e = failure(fifo);
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).contains(fifo + " is a named pipe (FIFO), not a regular file");
    }

    @Test
    void endlessDeviceIsDeniedWithoutReadingIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        SecretException e = failure(Path.of("/dev/zero"));
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).contains("/dev/zero is a character device, not a regular file");
    }

    @Test
    void oversizedFileIsRefusedNamingTheLimitAndNotTheContent() throws Exception {
        Path big = Files.writeString(dir.resolve("big"), PLANTED.repeat(40_000));
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
        SecretException e = failure(big);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("larger than 1 MiB").doesNotContain(PLANTED);
    }
}
