package dev.mcpsecrets.policy.checks.internal.scan;

import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Vendor checksums inside tokens. A token whose checksum verifies was made by the vendor's
 * generator, so it is reported whatever its entropy; one that fails must pass the rule's entropy
 * and character tests like any other match.
 */
public enum Checksum {
    /** The format carries no checksum. */
    NONE,
    /**
     * GitHub's classic tokens ({@code ghp_ gho_ ghu_ ghs_ ghr_}) and npm's {@code npm_} tokens: 30
     * random base62 characters followed by the CRC32 of those 30 characters in 6 base62 digits
     * ({@code 0-9A-Za-z}, most significant first, padded with {@code 0}); see GitHub's "Behind
     * GitHub's new authentication token formats" (2021) and npm's access-token announcement.
     */
    CRC32_BASE62;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int CHECKSUM_DIGITS = 6;
    private static final int RANDOM_CHARS = 30;

    /**
     * Reads the name used in the rule data.
     *
     * @param name e.g. {@code crc32-base62}, or empty for none
     * @return the checksum
     * @throws IllegalArgumentException for an unknown name
     */
    static Checksum of(String name) {
        if (name.isEmpty()) {
            return NONE;
        }
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Whether the secret's checksum verifies.
     *
     * @param text the scanned text
     * @param start the secret's first index (its prefix included)
     * @param end the index after its last
     * @return {@code true} only for a checksummed format whose checksum matches
     */
    boolean verifies(CharSequence text, int start, int end) {
        if (this == NONE || end - start < RANDOM_CHARS + CHECKSUM_DIGITS) {
            return false;
        }
        int digitsStart = end - CHECKSUM_DIGITS;
        return encode(crc32(text, digitsStart - RANDOM_CHARS, digitsStart)).contentEquals(
                text.subSequence(digitsStart, end));
    }

    /**
     * The CRC32 of characters taken as single bytes.
     *
     * @param text the text
     * @param start first index
     * @param end index after the last
     * @return the unsigned CRC32
     */
    static long crc32(CharSequence text, int start, int end) {
        byte[] bytes = new byte[end - start];
        for (int i = start; i < end; i++) {
            bytes[i - start] = (byte) text.charAt(i);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /**
     * A 32-bit value in 6 base62 digits.
     *
     * @param value the unsigned value
     * @return the digits
     */
    static String encode(long value) {
        char[] digits = new char[CHECKSUM_DIGITS];
        long v = value;
        for (int i = CHECKSUM_DIGITS - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(digits);
    }
}
