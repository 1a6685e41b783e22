package dev.mcpsecrets.vault.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates to trust, as {@code VAULT_CACERT} (one PEM file, several certificates allowed) and
 * {@code VAULT_CAPATH} (a directory of PEM files) give them to the {@code vault} command: when either is
 * set, only those CAs are trusted; otherwise the JDK's default trust store. Host names are always
 * verified.
 */
final class VaultTls {
    private VaultTls() {
    }

    /**
     * The TLS context for the settings.
     *
     * @param settings the settings
     * @param what the reference(s), for messages
     * @return a context trusting the configured CAs, or {@code null} for the JDK's defaults
     * @throws SecretException UNAVAILABLE when a CA file cannot be read or holds no certificate
     */
    static SSLContext context(VaultSettings settings, String what) throws SecretException {
        if (settings.caCert() == null && settings.caPath() == null) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        if (settings.caCert() != null) {
            files.add(settings.caCert());
        }
        if (settings.caPath() != null) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(settings.caPath())) {
                for (Path p : dir) {
                    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    if ((name.endsWith(".pem") || name.endsWith(".crt")) && Files.isRegularFile(p)) {
                        files.add(p);
                    }
                }
            } catch (IOException e) {
                throw new SecretException(Reason.UNAVAILABLE, what, VaultSettings.CAPATH + " " + settings.caPath()
                        + " cannot be listed (" + e.getClass().getSimpleName() + ")");
            }
            files.sort(null);
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (Path file : files) {
                byte[] pem;
                try {
                    pem = BoundedFiles.read(file, FileLimits.MAX_SECRET_FILE_BYTES);
                } catch (IOException e) {
                    throw new SecretException(Reason.UNAVAILABLE, what, "the CA certificate file " + file
                            + " cannot be read (" + e.getClass().getSimpleName() + ")");
                }
                for (Certificate c : x509.generateCertificates(new ByteArrayInputStream(pem))) {
                    trust.setCertificateEntry("ca-" + n++, c);
                }
            }
            if (n == 0) {
                throw new SecretException(Reason.UNAVAILABLE, what, "no CA certificate found in " + files
                        + " (expected PEM, -----BEGIN CERTIFICATE-----)");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new SecretException(Reason.UNAVAILABLE, what, "the CA certificates in " + files
                    + " cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }
}
