package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.pass.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A passphrase-protected key with nothing cached: LOCKED at once, never a wait for a pinentry. */
class PassLockedIT {
    private static final String VALUE = "locked-value-42";
    private static TestStore locked;

    @BeforeAll
    static void createLockedStore() throws Exception {
        locked = Stores.createLocked();
        locked.insert("svc/token", VALUE + "\n");
        locked.stopAgent();
    }

    @AfterAll
    static void stopTheAgent() {
        if (locked != null) {
            locked.close();
        }
    }

    private static SecretException failure(Map<String, String> env, String ref) {
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(30), env);
        try {
            new PassSecretProvider().resolve(SecretRef.parse(ref), ctx).destroy();
        } catch (SecretException e) {
            return e;
        }
        throw new AssertionError("resolved " + ref);
    }

    @Test
    void aLockedKeyAnswersLockedWithinASecond() {
        long start = System.nanoTime();
        SecretException e = failure(locked.environment(), "pass:svc/token");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.LOCKED);
        assertThat(millis).isLessThan(1000);
        assertThat(e.getMessage()).doesNotContain("example.invalid").doesNotContain(locked.storeDir().toString());
    }

    @Test
    void loopbackWithoutAPassphraseIsLockedToo() {
        Map<String, String> env = new HashMap<>(locked.environment());
        env.put("PASSWORD_STORE_GPG_OPTS", "--pinentry-mode loopback");
        assertThat(failure(env, "pass:svc/token").reason()).isEqualTo(Reason.LOCKED);
    }

    @Test
    void aPassphraseFileInTheGpgOptionsUnlocksIt() throws Exception {
        Path file = locked.file("passphrase");
        Files.writeString(file, TestStore.PASSPHRASE + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = new HashMap<>(locked.environment());
        env.put("PASSWORD_STORE_GPG_OPTS", "--pinentry-mode loopback --passphrase-file " + file);
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(30), env);
        Secret s = new PassSecretProvider().resolve(SecretRef.parse("pass:svc/token"), ctx);
        try {
            assertThat(s.revealAsString()).isEqualTo(VALUE);
        } finally {
            s.destroy();
            locked.stopAgent();
        }
    }

    @Test
    void anEntryForSomeoneElsesKeyIsDenied() throws Exception {
        try (TestStore other = Stores.create()) {
            other.insert("foreign", "not-for-you\n");
            Path copy = locked.storeDir().resolve("foreign.gpg");
            Files.copy(other.storeDir().resolve("foreign.gpg"), copy, StandardCopyOption.REPLACE_EXISTING);
            assertThat(failure(locked.environment(), "pass:foreign").reason()).isEqualTo(Reason.DENIED);
        }
    }

    @Test
    void aFileThatIsNotOpenPgpIsUnavailableNotLeaked() throws Exception {
        Files.writeString(locked.storeDir().resolve("garbage.gpg"), "plain-text-secret-abc\n");
        SecretException e = failure(locked.environment(), "pass:garbage");
        assertThat(e.reason()).isIn(Reason.UNAVAILABLE, Reason.DENIED);
        assertThat(e.getMessage()).doesNotContain("plain-text-secret-abc");
    }
}
