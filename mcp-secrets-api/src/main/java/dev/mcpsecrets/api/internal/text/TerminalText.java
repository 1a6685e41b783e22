package dev.mcpsecrets.api.internal.text;

/**
 * Makes text safe to write to a terminal: names of servers, variables and files come from configs
 * that anyone may have written, and a raw ESC, CSI, OSC, carriage return, bell or bidi override in
 * them would let that file clear the screen, retitle the window or hide what follows.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /**
     * Escapes every character a terminal could act on: C0 and C1 controls, DEL, the bidirectional
     * formatting characters, line and paragraph separators, zero-width and other format characters,
     * and lone surrogates. Printable text, including non-ASCII letters, is kept as it is.
     *
     * @param text any text, or {@code null}
     * @return the text with each such character as {@code \n}, {@code \t}, {@code \r} or {@code \}{@code uXXXX};
     *     a backslash before {@code u} or another backslash is doubled so the result reads unambiguously;
     *     {@code "null"} for {@code null}
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text, i)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(text, i)) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /**
     * Whether {@link #escape(String)} would change the text.
     *
     * @param text any text
     * @return {@code true} if it holds a character a terminal could act on
     */
    public static boolean isSafe(String text) {
        return text.equals(escape(text));
    }

    /**
     * Whether a single UTF-16 unit is one a terminal could act on, surrogates aside: for escapers that
     * see one character at a time, such as a JSON generator's.
     *
     * @param c the character
     * @return {@code true} for controls, DEL, C1, format characters and line/paragraph separators
     */
    public static boolean isControl(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean needsEscape(String text, int i) {
        char c = text.charAt(i);
        if (c == '\\') {
            // only when it could be read as the start of an escape this method wrote
            return i + 1 < text.length() && (text.charAt(i + 1) == 'u' || text.charAt(i + 1) == '\\');
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                return true;
            }
            int cp = text.codePointAt(i);
            return Character.getType(cp) == Character.FORMAT || cp >= 0xE0000 && cp <= 0xE007F;
        }
        if (Character.isLowSurrogate(c)) {
            // half of a pair is escaped with its other half
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)) || needsEscape(text, i - 1);
        }
        int type = Character.getType(c);
        return type == Character.FORMAT // bidi embeddings/overrides/isolates, zero-width, BOM
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
