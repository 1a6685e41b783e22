package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the provider decides before any gpg runs: the program, the store, the entry file. */
class PassProviderOfflineTest {
    @TempDir
    Path dir;

    private Path fakeGpgDir() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path gpg = bin.resolve("gpg");
        // never run by these tests: every case is decided before gpg would start
        Files.writeString(gpg, "#!/bin/sh\nexit 99\n");
        Files.setPosixFilePermissions(gpg, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    private static ResolveContext ctx(Map<String, String> env) {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), env);
    }

    private static SecretException failure(Map<String, String> env, String ref) {
        try {
            new PassSecretProvider().resolve(SecretRef.parse(ref), ctx(env)).destroy();
        } catch (SecretException e) {
            return e;
        }
        throw new AssertionError("resolved " + ref);
    }

    @Test
    void withoutGpgOnPathItIsUnavailable() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Map<String, String> env = Map.of("PATH", dir.resolve("empty").toString(), "PASSWORD_STORE_DIR", store.toString());
        Availability a = new PassSecretProvider().availability(ctx(env));
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(a.detail()).contains("gpg is not on PATH");
        assertThat(failure(env, "pass:a/b").reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void withoutAStoreItIsUnavailableAndSaysHowToFixIt() throws IOException {
        Map<String, String> env = Map.of("PATH", fakeGpgDir().toString(), "HOME", dir.toString());
        Availability a = new PassSecretProvider().availability(ctx(env));
        assertThat(a.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(a.detail()).contains(dir.resolve(".password-store").toString()).contains("pass init");
        assertThat(failure(env, "pass:a").reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void storeDirectoryVariableWinsOverHome() throws IOException {
        Path store = Files.createDirectories(dir.resolve("team-store"));
        Map<String, String> env = Map.of("PATH", fakeGpgDir().toString(), "HOME", dir.toString(),
                "PASSWORD_STORE_DIR", store.toString());
        Availability a = new PassSecretProvider().availability(ctx(env));
        assertThat(a.available()).isTrue();
        assertThat(a.detail()).contains(store.toString());
    }

    @Test
    void aMissingEntryOrAFolderIsNotFoundWithoutRunningGpg() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.createDirectories(store.resolve("team/db"));
        Map<String, String> env = Map.of("PATH", fakeGpgDir().toString(), "PASSWORD_STORE_DIR", store.toString());
        assertThat(failure(env, "pass:team/nothing").reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure(env, "pass:team/nothing#line=1").reference()).contains("pass:team/nothing#line=1");
        SecretException folder = failure(env, "pass:team/db");
        assertThat(folder.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(folder.getMessage()).contains("folder");
    }

    @Test
    void aLinkLeadingOutOfTheStoreIsDenied() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path outside = Files.writeString(dir.resolve("elsewhere.gpg"), "x");
        Files.createSymbolicLink(store.resolve("sneaky.gpg"), outside);
        Map<String, String> env = Map.of("PATH", fakeGpgDir().toString(), "PASSWORD_STORE_DIR", store.toString());
        assertThat(failure(env, "pass:sneaky").reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void aMalformedReferenceIsMalformed() throws IOException {
        Map<String, String> env = Map.of("PATH", fakeGpgDir().toString(), "PASSWORD_STORE_DIR", dir.toString());
        assertThat(failure(env, "pass:../../etc/shadow").reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void gpgNeverWaitsForAPinentryUnlessTheUserChoseLoopback() {
        Path gpg = Path.of("/usr/bin/gpg");
        Path file = Path.of("/s/a.gpg");
        assertThat(PassReader.decryptCommand(gpg, file, Map.of("PASSWORD_STORE_GPG_OPTS", "--pinentry-mode ask")))
                .containsExactly("/usr/bin/gpg", "--pinentry-mode", "ask", "--pinentry-mode", "error", "--batch",
                        "--no-tty", "--status-fd", "2", "--decrypt", "--", "/s/a.gpg");
        List<String> loopback = PassReader.decryptCommand(gpg, file,
                Map.of("PASSWORD_STORE_GPG_OPTS", " --pinentry-mode=loopback\t--passphrase-file /k "));
        assertThat(loopback).containsExactly("/usr/bin/gpg", "--pinentry-mode=loopback", "--passphrase-file", "/k",
                "--batch", "--no-tty", "--status-fd", "2", "--decrypt", "--", "/s/a.gpg");
    }
}
