package dev.mcpsecrets.api.internal.mask;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What a masker keeps of one registered value: its replacement text and, for each form the value
 * takes ({@link Encodings}), a print made of keyed hashes. The value itself, and every form of it, is
 * zeroed before {@link #of} returns.
 */
public final class MaskEntry {
    /**
     * Windows are first compared on a hash of at most this many leading bytes (the anchor), so one
     * rolling hash per anchor length finds every form whatever its length.
     */
    static final int ANCHOR = 8;

    private final String name;
    private final byte[] replacement;
    private final Print[] prints;

    /**
     * What is kept of one form: its length, the anchor hash truncated to 32 bits (on its own it cannot
     * single out the leading bytes: ~2^16 eight-character alphanumeric strings share each value), the
     * whole form's rolling hash, its HMAC, whether it holds a line break and its first byte (so that a
     * stream knows which trailing bytes could still begin a match).
     */
    record Print(int length, int anchorLength, int anchorHash, long fullHash, byte[] mac, boolean spansLines,
            int firstByte) {
    }

    private MaskEntry(String name, Print[] prints) {
        this.name = name;
        this.replacement = ("<redacted:" + name + ">").getBytes(StandardCharsets.US_ASCII);
        this.prints = prints;
    }

    /**
     * Prints every form of {@code value}.
     *
     * @param keys the masker's keys
     * @param name shown in place of the value as {@code <redacted:NAME>}; characters other than ASCII
     *     letters, digits and {@code _ - . : / @ #} become {@code _}, so the replacement can stand inside
     *     a JSON string or a terminal line
     * @param value the value (not changed; the caller zeroes it)
     * @return the entry; it has no print when the value is too short to mask
     */
    public static MaskEntry of(MaskKeys keys, String name, char[] value) {
        List<byte[]> forms = Encodings.of(value);
        Print[] prints = new Print[forms.size()];
        try {
            for (int i = 0; i < prints.length; i++) {
                byte[] f = forms.get(i);
                int anchorLength = Math.min(ANCHOR, f.length);
                long anchor = keys.hash(f, 0, anchorLength);
                prints[i] = new Print(f.length, anchorLength, truncate(anchor), keys.hash(f, 0, f.length),
                        keys.mac(f, 0, f.length), contains(f, (byte) '\n') || contains(f, (byte) '\r'), f[0] & 0xFF);
            }
        } finally {
            for (byte[] f : forms) {
                Arrays.fill(f, (byte) 0);
            }
        }
        return new MaskEntry(safeName(name), prints);
    }

    /**
     * The HMAC of the value's UTF-8 bytes under the masker's key: tells equal values apart without a copy.
     *
     * @param keys the masker's keys
     * @param value the value (not changed)
     * @return the HMAC
     */
    public static byte[] identity(MaskKeys keys, char[] value) {
        byte[] utf8 = Encodings.utf8(value);
        try {
            return keys.mac(utf8, 0, utf8.length);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /**
     * Whether a value of this many characters is masked at all.
     *
     * @param chars the length of the value
     * @return {@code false} for values too short to mask
     */
    public static boolean maskable(int chars) {
        return chars >= Encodings.MIN_VALUE_CHARS;
    }

    /** The anchor hash as kept and looked up. */
    static int truncate(long hash) {
        return (int) (hash >>> 32);
    }

    /**
     * The name as shown in a replacement.
     *
     * @param name any name
     * @return the name with unsafe characters as {@code _}
     */
    public static String safeName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && sb.length() < 100; i++) {
            char c = name.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_-.:/@#".indexOf(c) >= 0;
            sb.append(keep ? c : '_');
        }
        return sb.length() == 0 ? "secret" : sb.toString();
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name shown in the replacement, after {@link #of} made it safe.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether the value is masked at all (values shorter than four characters are not).
     *
     * @return {@code true} when at least one form is printed
     */
    public boolean masks() {
        return prints.length > 0;
    }

    byte[] replacement() {
        return replacement;
    }

    Print[] prints() {
        return prints;
    }

    @Override
    public String toString() {
        return "MaskEntry[" + name + ", " + prints.length + " forms]";
    }
}
