package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template one {@code op inject} run fills: each reference as {@code {{ op://... }}} between
 * markers with a random nonce, so the output splits back into values even when a value holds newlines.
 */
final class InjectTemplate {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<OpReference> refs;
    private final String nonce;

    InjectTemplate(List<OpReference> refs) {
        this.refs = List.copyOf(refs);
        byte[] n = new byte[12];
        RANDOM.nextBytes(n);
        this.nonce = HexFormat.of().formatHex(n);
    }

    private String marker(int i) {
        return "<<mcp-" + nonce + "-" + i + ">>";
    }

    /**
     * The template text, written to op's standard input (it holds references, never values).
     *
     * @return UTF-8 bytes
     */
    byte[] text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            sb.append(marker(i)).append("{{ ").append(refs.get(i).text()).append(" }}");
        }
        sb.append(marker(refs.size())).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Splits op's output into one secret per reference.
     *
     * @param output op's standard output (not kept)
     * @return secrets by reference text, or {@code null} if the output does not have the template's shape
     */
    Map<String, Secret> parse(byte[] output) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(output));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        Map<String, Secret> out = new LinkedHashMap<>();
        try {
            int from = indexOf(chars, marker(0), 0);
            if (from < 0) {
                return null;
            }
            for (int i = 0; i < refs.size(); i++) {
                int start = from + marker(i).length();
                int end = indexOf(chars, marker(i + 1), start);
                if (end < 0) {
                    out.values().forEach(Secret::destroy);
                    return null;
                }
                char[] value = Arrays.copyOfRange(chars, start, end);
                out.put(refs.get(i).text(), Secret.of(value));
                Arrays.fill(value, '\0');
                from = end;
            }
            return out;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static int indexOf(char[] hay, String needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (hay[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
