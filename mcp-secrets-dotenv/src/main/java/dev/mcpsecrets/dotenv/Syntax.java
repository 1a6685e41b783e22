package dev.mcpsecrets.dotenv;

/** The character classes of the {@code .env} syntax. */
final class Syntax {
    private Syntax() {
    }

    /**
     * Whether a character is a blank: ASCII space, tab, form feed, vertical tab, or a Unicode space separator
     * (no-break space ...).
     *
     * @param c the character
     * @return whether it is a blank
     */
    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B'
                || (c >= '\u00A0' && Character.getType(c) == Character.SPACE_SEPARATOR);
    }

    /**
     * Whether a character ends a line (LF or CR).
     *
     * @param c the character
     * @return whether it ends a line
     */
    public static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r';
    }

    /**
     * Whether a character may appear in a key: ASCII letters, digits, {@code _ . -}.
     *
     * @param c the character
     * @return whether it is a key character
     */
    public static boolean isKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-';
    }
}
