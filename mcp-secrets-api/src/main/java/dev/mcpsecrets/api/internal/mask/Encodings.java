package dev.mcpsecrets.api.internal.mask;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The forms a value takes when a program prints it: the raw UTF-8 bytes, JSON-escaped, URL-encoded and
 * base64-encoded. Each form is built once, while the value is registered, hashed by
 * {@link MaskEntry} and then zeroed; none is kept.
 *
 * <p>URL encoders differ in which punctuation they leave alone and in how they write a space, so the
 * forms of the common ones are all made (Java's {@code URLEncoder} and HTML forms, RFC 3986, and
 * JavaScript's {@code encodeURIComponent}, each with upper- and lower-case hex and with {@code +} and
 * {@code %20} for a space). JSON encoders differ the same way ({@code \/}, {@code \}{@code u00e9} or
 * raw UTF-8, hex case). Forms equal to one already made are dropped, so a plain alphanumeric token has
 * its raw form and its base64 forms only.
 *
 * <p>Base64: a value inside a larger encoded text starts at one of three bit offsets, and the characters
 * at its two ends mix its bits with its neighbours'. For each offset the form is the run of characters
 * made of the value's bits alone, in the standard and the URL-safe alphabet. So the value is found
 * whatever surrounds it ({@code user:password} in a Basic header, a value with a trailing newline);
 * the one or two characters at each end of such a run, which carry at most four of the value's bits
 * each, stay.
 */
final class Encodings {
    /** Values shorter than this are not masked: a three-character value would mask ordinary words. */
    static final int MIN_VALUE_CHARS = 4;
    /** A base64 run shorter than this would match random base64 text (images in tool results) too often. */
    static final int MIN_BASE64_RUN = 8;

    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Left unencoded besides ASCII letters and digits: URLEncoder, RFC 3986, encodeURIComponent. */
    private static final String[] URL_UNRESERVED = {"-_.*", "-_.~", "-_.!~*'()"};

    private Encodings() {
    }

    /**
     * Every form of the value, without duplicates. The caller zeroes each array when done.
     *
     * @param value the characters (not changed)
     * @return the forms; empty when the value is too short to be masked
     */
    static List<byte[]> of(char[] value) {
        List<byte[]> forms = new ArrayList<>();
        if (value.length < MIN_VALUE_CHARS) {
            return forms;
        }
        byte[] utf8 = utf8(value);
        add(forms, utf8.clone());
        for (boolean asciiOnly : new boolean[] {false, true}) {
            for (boolean escapeSlash : new boolean[] {false, true}) {
                for (byte[] hex : new byte[][] {HEX_LOWER, HEX_UPPER}) {
                    add(forms, json(value, asciiOnly, escapeSlash, hex));
                }
            }
        }
        for (String unreserved : URL_UNRESERVED) {
            for (boolean plusForSpace : new boolean[] {false, true}) {
                for (byte[] hex : new byte[][] {HEX_UPPER, HEX_LOWER}) {
                    add(forms, url(utf8, unreserved, plusForSpace, hex));
                }
            }
        }
        for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
            for (int offset = 0; offset < 3; offset++) {
                byte[] run = base64Run(utf8, offset, encoder);
                if (run.length >= MIN_BASE64_RUN) {
                    add(forms, run);
                } else {
                    Arrays.fill(run, (byte) 0);
                }
            }
        }
        Arrays.fill(utf8, (byte) 0);
        return forms;
    }

    private static void add(List<byte[]> forms, byte[] form) {
        for (byte[] f : forms) {
            if (Arrays.equals(f, form)) {
                Arrays.fill(form, (byte) 0);
                return;
            }
        }
        forms.add(form);
    }

    static byte[] utf8(char[] value) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer out = ByteBuffer.allocate(value.length * 3 + 1);
        encoder.encode(CharBuffer.wrap(value), out, true);
        encoder.flush(out);
        byte[] bytes = Arrays.copyOf(out.array(), out.position());
        Arrays.fill(out.array(), (byte) 0);
        return bytes;
    }

    private static byte[] json(char[] value, boolean asciiOnly, boolean escapeSlash, byte[] hex) {
        Growing out = new Growing(value.length + 16);
        for (int i = 0; i < value.length; i++) {
            char c = value[i];
            switch (c) {
                case '"' -> out.add('\\').add('"');
                case '\\' -> out.add('\\').add('\\');
                case '\n' -> out.add('\\').add('n');
                case '\r' -> out.add('\\').add('r');
                case '\t' -> out.add('\\').add('t');
                case '\b' -> out.add('\\').add('b');
                case '\f' -> out.add('\\').add('f');
                case '/' -> {
                    if (escapeSlash) {
                        out.add('\\');
                    }
                    out.add('/');
                }
                default -> {
                    if (c < 0x20 || (asciiOnly && c >= 0x80)) {
                        out.add('\\').add('u').add(hex[c >>> 12]).add(hex[(c >>> 8) & 0xF])
                                .add(hex[(c >>> 4) & 0xF]).add(hex[c & 0xF]);
                    } else if (c < 0x80) {
                        out.add(c);
                    } else {
                        int end = i + (Character.isHighSurrogate(c) && i + 1 < value.length
                                && Character.isLowSurrogate(value[i + 1]) ? 2 : 1);
                        byte[] encoded = utf8(Arrays.copyOfRange(value, i, end));
                        out.addAll(encoded);
                        Arrays.fill(encoded, (byte) 0);
                        i = end - 1;
                    }
                }
            }
        }
        return out.toArray();
    }

    private static byte[] url(byte[] utf8, String unreserved, boolean plusForSpace, byte[] hex) {
        Growing out = new Growing(utf8.length * 3);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && unreserved.indexOf(c) >= 0)) {
                out.add(c);
            } else if (c == ' ' && plusForSpace) {
                out.add('+');
            } else {
                out.add('%').add(hex[c >>> 4]).add(hex[c & 0xF]);
            }
        }
        return out.toArray();
    }

    /** The base64 characters made of the value's bits alone, the value starting {@code offset} bytes into a group of three. */
    static byte[] base64Run(byte[] utf8, int offset, Base64.Encoder encoder) {
        byte[] shifted = new byte[offset + utf8.length];
        System.arraycopy(utf8, 0, shifted, offset, utf8.length);
        byte[] encoded = encoder.withoutPadding().encode(shifted);
        Arrays.fill(shifted, (byte) 0);
        int firstBit = 8 * offset;
        int endBit = 8 * (offset + utf8.length);
        int from = (firstBit + 5) / 6;
        int to = endBit / 6;
        byte[] run = to > from ? Arrays.copyOfRange(encoded, from, to) : new byte[0];
        Arrays.fill(encoded, (byte) 0);
        return run;
    }

    /** A byte array builder that zeroes every array it outgrows. */
    private static final class Growing {
        private byte[] bytes;
        private int size;

        Growing(int capacity) {
            bytes = new byte[Math.max(capacity, 8)];
        }

        Growing add(int b) {
            if (size == bytes.length) {
                byte[] bigger = Arrays.copyOf(bytes, bytes.length * 2);
                Arrays.fill(bytes, (byte) 0);
                bytes = bigger;
            }
            bytes[size++] = (byte) b;
            return this;
        }

        void addAll(byte[] more) {
            for (byte b : more) {
                add(b);
            }
        }

        byte[] toArray() {
            byte[] out = Arrays.copyOf(bytes, size);
            Arrays.fill(bytes, (byte) 0);
            return out;
        }
    }
}
