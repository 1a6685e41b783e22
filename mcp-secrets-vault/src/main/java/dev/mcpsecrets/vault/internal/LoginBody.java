package dev.mcpsecrets.vault.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON object of string fields, built in arrays the caller wipes: the fields of a login (secret id,
 * service-account JWT) never become {@code String}s on their way out.
 */
final class LoginBody {
    private LoginBody() {
    }

    /**
     * Encodes {@code {"name0": "value0", "name1": "value1", ...}} as UTF-8.
     *
     * @param names the field names (plain ASCII)
     * @param values the values, in the same order; not wiped here
     * @return the body; the caller wipes it after sending
     */
    static byte[] of(String[] names, char[][] values) {
        int length = 2;
        for (int i = 0; i < names.length; i++) {
            length += names[i].length() + 6 + escapedLength(values[i]);
        }
        char[] out = new char[length];
        int at = 0;
        out[at++] = '{';
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            out[at++] = '"';
            for (int k = 0; k < names[i].length(); k++) {
                out[at++] = names[i].charAt(k);
            }
            out[at++] = '"';
            out[at++] = ':';
            out[at++] = '"';
            at = escape(values[i], out, at);
            out[at++] = '"';
        }
        out[at++] = '}';
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(out, 0, at));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        Arrays.fill(out, '\0');
        return bytes;
    }

    private static int escapedLength(char[] value) {
        int n = 0;
        for (char c : value) {
            n += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
        }
        return n;
    }

    private static int escape(char[] value, char[] out, int at) {
        for (char c : value) {
            if (c == '"' || c == '\\') {
                out[at++] = '\\';
                out[at++] = c;
            } else if (c < 0x20) {
                out[at++] = '\\';
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = Character.forDigit(c >> 4, 16);
                out[at++] = Character.forDigit(c & 0xF, 16);
            } else {
                out[at++] = c;
            }
        }
        return at;
    }
}
