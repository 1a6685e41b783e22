package dev.mcpsecrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.vault.testing.FakeVault;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with the CA from {@code VAULT_CACERT} or {@code VAULT_CAPATH}, against the fake Vault with a throwaway certificate. */
class VaultTlsIT {
    private static final String TOKEN = "hvs.PLANTED-tls-token";
    private static final SecretRef DB = SecretRef.of("vault", "secret/app/db#password");
    private static final char[] STORE_PASSWORD = "throwaway-keystore".toCharArray();

    @TempDir
    static Path dir;
    private static FakeVault vault;
    private static Path caPem;

    @BeforeAll
    static void startWithAFreshCertificate() throws Exception {
        Path keystore = dir.resolve("vault.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "vault", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD));
        caPem = dir.resolve("ca/vault-ca.pem");
        Files.createDirectories(caPem.getParent());
        run(keytool, "-exportcert", "-rfc", "-alias", "vault", "-keystore", keystore.toString(), "-storepass",
                new String(STORE_PASSWORD), "-file", caPem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        vault = FakeVault.start(tls).mount("secret", 2).token(TOKEN, 0, false, "*")
                .put("secret/app/db", Map.of("password", "PLANTED-tls-pass"));
    }

    @AfterAll
    static void stop() {
        if (vault != null) {
            vault.close();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + List.of(command).subList(0, 2));
        }
    }

    private static String read(Map<String, String> extra) throws SecretException {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("VAULT_ADDR", vault.url());
        env.put("VAULT_TOKEN", TOKEN);
        try (VaultSecretProvider provider = new VaultSecretProvider()) {
            Secret s = provider.resolve(DB, ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(20), env));
            return s.revealAsString();
        }
    }

    @Test
    void theCaFromVaultCacertIsTrusted() throws Exception {
        assertThat(vault.url()).startsWith("https://");
        assertThat(read(Map.of("VAULT_CACERT", caPem.toString()))).isEqualTo("PLANTED-tls-pass");
    }

    @Test
    void aDirectoryOfCasFromVaultCapathIsTrusted() throws Exception {
        assertThat(read(Map.of("VAULT_CAPATH", caPem.getParent().toString()))).isEqualTo("PLANTED-tls-pass");
    }

    @Test
    void anUntrustedCertificateIsUnavailableWithTheFix() {
        assertThatThrownBy(() -> read(Map.of())).isInstanceOfSatisfying(SecretException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.getMessage()).contains("VAULT_CACERT").doesNotContain("PLANTED");
        });
    }

    @Test
    void aCaFileWithoutACertificateIsUnavailable() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> read(Map.of("VAULT_CACERT", empty.toString()))).isInstanceOfSatisfying(
                SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }
}
