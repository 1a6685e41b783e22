package dev.mcpsecrets.api.internal.mask;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The random keys of one masker: the odd base of a polynomial rolling hash modulo 2<sup>64</sup>
 * (Rabin–Karp; plain wrapping multiplication, so rolling costs two multiplications a byte), and an
 * HMAC-SHA-256 key that confirms a match without a copy of the value. The rolling hash only picks the
 * windows worth confirming; inputs built to collide under it cost HMAC runs, never a false replacement. Both are drawn from {@link SecureRandom} per masker and never leave the process: a hash that
 * anyone could recompute would let a reader of the heap test guesses against it without the key.
 */
public final class MaskKeys {
    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final long base;
    private final SecretKeySpec macKey;
    /** Initialised on first use; racing threads may each make one, which is harmless. */
    private volatile Mac prototype;

    private MaskKeys(long base, byte[] macKey) {
        this.base = base;
        this.macKey = new SecretKeySpec(macKey, MAC_ALGORITHM);
        java.util.Arrays.fill(macKey, (byte) 0);
    }

    /**
     * Fresh keys.
     *
     * @return keys drawn from {@link SecureRandom}
     */
    public static MaskKeys random() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        // odd, so that multiplying by it loses no bit; large, so that short windows spread over all 64
        return new MaskKeys(random.nextLong() | (1L << 62) | 1L, key);
    }

    long base() {
        return base;
    }

    /** The unit a byte contributes: never zero, so leading zero bytes change the hash. */
    static long unit(byte b) {
        return (b & 0xFF) + 1L;
    }

    /** The rolling hash of {@code len} bytes. */
    long hash(byte[] bytes, int offset, int len) {
        long h = 0;
        for (int i = offset; i < offset + len; i++) {
            h = h * base + unit(bytes[i]);
        }
        return h;
    }

    /** {@code base^(k-1)}: the weight of the unit that leaves a window of {@code k}. */
    long leavingWeight(int k) {
        long w = 1;
        for (int i = 1; i < k; i++) {
            w *= base;
        }
        return w;
    }

    /** The hash of the window one byte further on. */
    long roll(long h, byte leaving, byte entering, long leavingWeight) {
        return (h - unit(leaving) * leavingWeight) * base + unit(entering);
    }

    /**
     * A MAC instance under this masker's key; not thread-safe, so each scanner keeps its own. Cloned from
     * an initialised prototype that is never used itself: looking up and initialising a provider's MAC
     * costs far more than the HMAC of a window.
     *
     * @return an initialised HMAC-SHA-256
     */
    Mac newMac() {
        Mac p = prototype;
        if (p == null) {
            p = created();
            prototype = p;
        }
        try {
            return (Mac) p.clone();
        } catch (CloneNotSupportedException e) {
            return created();
        }
    }

    private Mac created() {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(macKey);
            return mac;
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a required algorithm of every Java platform
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    byte[] mac(byte[] bytes, int offset, int len) {
        Mac mac = newMac();
        mac.update(bytes, offset, len);
        return mac.doFinal();
    }

    static boolean macEquals(Mac mac, byte[] bytes, int offset, int len, byte[] expected) {
        mac.update(bytes, offset, len);
        return MessageDigest.isEqual(mac.doFinal(), expected);
    }

    @Override
    public String toString() {
        return "MaskKeys[****]";
    }
}
