package dev.mcpsecrets.policy;

import dev.mcpsecrets.policy.source.FileSystemView;

import dev.mcpsecrets.policy.internal.FingerprintKeyStore;
import dev.mcpsecrets.api.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fingerprints secret values with HMAC-SHA-256 under a per-user key, so checks can tell that two
 * configs hold the same credential (or that production shares one with development) without
 * keeping, printing or plainly hashing the value. A plain or fixed-salt hash of a short password
 * can be reversed by guessing; the key, kept at mode 600 in the user's config directory, makes
 * fingerprints useless to anyone who has a report but not the key.
 *
 * <p>Thread-safe and immutable.
 *
 * @since 0.1
 */
public final class KeyedFingerprinter {
    /** Name of the key file inside {@code <config home>/mcp-secrets/}. */
    public static final String KEY_FILE_NAME = "fingerprint.key";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    private KeyedFingerprinter(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    }

    /**
     * The fingerprinter of this user: the key is read from {@code keyFile}, or created there on first
     * use (file mode 600, new parent directories 700).
     *
     * @param keyFile usually {@code ~/.config/mcp-secrets/fingerprint.key}, see
     *     {@link FileSystemView#fingerprintKeyFile()}
     * @return the fingerprinter
     * @throws IOException if the key cannot be read or created, or the file is readable by group or
     *     others (the message names the file and the {@code chmod} that fixes it)
     */
    public static KeyedFingerprinter forKeyFile(Path keyFile) throws IOException {
        Objects.requireNonNull(keyFile, "keyFile");
        byte[] bytes = FingerprintKeyStore.loadOrCreate(keyFile, KEY_BYTES);
        try {
            return new KeyedFingerprinter(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * A fingerprinter with a key held in memory only, e.g. a random one for a single run whose
     * fingerprints need not match other runs, or a fixed one in tests.
     *
     * @param keyBytes at least 16 bytes; copied
     * @return the fingerprinter
     */
    public static KeyedFingerprinter withKey(byte[] keyBytes) {
        Objects.requireNonNull(keyBytes, "keyBytes");
        if (keyBytes.length < 16) {
            throw new IllegalArgumentException("a fingerprint key needs at least 16 bytes");
        }
        return new KeyedFingerprinter(keyBytes.clone());
    }

    /**
     * The fingerprint of a value.
     *
     * @param value the value; not kept
     * @return 64 lowercase hex digits
     */
    public String fingerprint(CharSequence value) {
        Objects.requireNonNull(value, "value");
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        try {
            return mac(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
        }
    }

    /**
     * The fingerprint of a secret; equals {@link #fingerprint(CharSequence)} of the same text.
     *
     * @param secret the secret; not destroyed
     * @return 64 lowercase hex digits
     */
    public String fingerprint(Secret secret) {
        byte[] bytes = Objects.requireNonNull(secret, "secret").revealUtf8();
        try {
            return mac(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * A short form of a fingerprint for reports, e.g. {@code hmac:3f9a0c12}: enough to tell values
     * apart by eye, too short to be a useful guessing oracle.
     *
     * @param fingerprint a fingerprint from this class
     * @return {@code hmac:} and the first 8 hex digits
     */
    public static String shortForm(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return "hmac:" + fingerprint.substring(0, Math.min(8, fingerprint.length()));
    }

    private String mac(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "KeyedFingerprinter[HMAC-SHA-256, key hidden]";
    }
}
