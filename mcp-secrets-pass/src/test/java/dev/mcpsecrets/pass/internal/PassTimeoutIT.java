package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gpg that never answers: TIMEOUT at the deadline, and the process is gone afterwards. */
class PassTimeoutIT {
    @TempDir
    Path dir;

    @Test
    void aHangingGpgTimesOutAndIsKilled() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path pidFile = dir.resolve("pid");
        Path gpg = bin.resolve("gpg");
        Files.writeString(gpg, "#!/bin/sh\necho $$ > '" + pidFile + "'\nexec sleep 60\n");
        Files.setPosixFilePermissions(gpg, PosixFilePermissions.fromString("rwx------"));
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.writeString(store.resolve("slow.gpg"), "x");
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "PASSWORD_STORE_DIR", store.toString());
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofMillis(500), env);
        long start = System.nanoTime();
        SecretException e = org.junit.jupiter.api.Assertions.assertThrows(SecretException.class,
                () -> new PassSecretProvider().resolve(SecretRef.parse("pass:slow"), ctx));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(millis).isLessThan(3000);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
