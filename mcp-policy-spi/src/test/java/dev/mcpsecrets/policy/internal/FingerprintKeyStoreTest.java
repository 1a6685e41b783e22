package dev.mcpsecrets.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mcpsecrets.api.internal.files.FileLimitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintKeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsAPrivateKeyOnceAndReadsItBack() throws IOException {
        Path file = dir.resolve("conf/fingerprint.key");
        byte[] first = FingerprintKeyStore.loadOrCreate(file, 32);
        byte[] second = FingerprintKeyStore.loadOrCreate(file, 32);
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("fingerprint.key");
        }
        Arrays.fill(first, (byte) 0);
    }

    @Test
    void aFifoInPlaceOfTheKeyIsRefusedInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("fingerprint.key");
        Process mk = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> FingerprintKeyStore.loadOrCreate(fifo, 32))
                        .isInstanceOf(FileLimitException.class).hasMessageContaining("not a regular file"));
    }

    @Test
    void anOversizedFileIsNotReadWhole() throws IOException {
        Path big = dir.resolve("fingerprint.key");
        Files.write(big, new byte[1 << 20]);
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> FingerprintKeyStore.loadOrCreate(big, 32)).isInstanceOf(FileLimitException.class);
    }
}
