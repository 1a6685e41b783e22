package dev.mcpsecrets.policy;

import dev.mcpsecrets.policy.source.FileSystemView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedFingerprinterTest {

    @Test
    void keyFileIsCreatedWithMode600InDirectory700(@TempDir Path home) throws IOException {
        FileSystemView view = FileSystemView.of(home, home, FileSystemView.OperatingSystem.LINUX, Map.of());
        Path keyFile = view.fingerprintKeyFile();
        assertThat(keyFile).isEqualTo(home.resolve(".config/mcp-secrets/fingerprint.key"));
        KeyedFingerprinter.forKeyFile(keyFile);
        assertThat(Files.size(keyFile)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactly(keyFile);
        }
    }

    @Test
    void sameKeyFileGivesSameFingerprintsAcrossInstances(@TempDir Path dir) throws IOException {
        Path keyFile = dir.resolve("k/fingerprint.key");
        String first = KeyedFingerprinter.forKeyFile(keyFile).fingerprint("hunter2");
        String second = KeyedFingerprinter.forKeyFile(keyFile).fingerprint("hunter2");
        assertThat(first).isEqualTo(second).hasSize(64).matches("[0-9a-f]+");
        assertThat(KeyedFingerprinter.forKeyFile(keyFile).fingerprint(Secret.of("hunter2"))).isEqualTo(first);
    }

    @Test
    void differentKeysGiveDifferentFingerprintsAndNoneIsAPlainHash(@TempDir Path dir) throws Exception {
        String a = KeyedFingerprinter.forKeyFile(dir.resolve("a.key")).fingerprint("hunter2");
        String b = KeyedFingerprinter.forKeyFile(dir.resolve("b.key")).fingerprint("hunter2");
        assertThat(a).isNotEqualTo(b);
        byte[] plain = java.security.MessageDigest.getInstance("SHA-256")
                .digest("hunter2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(a).isNotEqualTo(java.util.HexFormat.of().formatHex(plain));
    }

    @Test
    void looseKeyFileIsRefusedWithTheFix(@TempDir Path dir) throws IOException {
        Path keyFile = dir.resolve("fingerprint.key");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        Files.write(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> KeyedFingerprinter.forKeyFile(keyFile)).isInstanceOf(IOException.class)
                .hasMessageContaining("chmod 600").hasMessageContaining(keyFile.toString());
    }

    @Test
    void truncatedKeyFileIsRefused(@TempDir Path dir) throws IOException {
        Path keyFile = dir.resolve("fingerprint.key");
        Files.write(keyFile, new byte[5]);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> KeyedFingerprinter.forKeyFile(keyFile)).hasMessageContaining("5 bytes");
    }

    @Test
    void concurrentFirstUseAgreesOnOneKey(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("race/fingerprint.key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<String> task = () -> KeyedFingerprinter.forKeyFile(keyFile).fingerprint("same");
            List<Future<String>> results = pool.invokeAll(java.util.Collections.nCopies(16, task));
            String first = results.get(0).get();
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringAndShortFormRevealNothingUseful() {
        KeyedFingerprinter f = KeyedFingerprinter.withKey(new byte[16]);
        assertThat(f.toString()).doesNotContain("0000");
        assertThat(KeyedFingerprinter.shortForm(f.fingerprint("x"))).matches("hmac:[0-9a-f]{8}");
        assertThatThrownBy(() -> KeyedFingerprinter.withKey(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
