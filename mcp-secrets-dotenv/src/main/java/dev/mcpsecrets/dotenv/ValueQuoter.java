package dev.mcpsecrets.dotenv;

/**
 * Writes a value so that the parser reads back exactly the same characters: bare when it is made of
 * harmless characters only, in single quotes (literal: no escapes, no expansion) when it can be, else in
 * double quotes with {@code \\ \" \$ \n \r \t} escaped.
 */
final class ValueQuoter {
    private ValueQuoter() {
    }

    /**
     * Appends the literal for {@code value} to {@code out}.
     *
     * @param value the value's characters (not kept)
     * @param out where to append
     * @throws IllegalArgumentException if the value holds an unpaired surrogate, which UTF-8 cannot store
     */
    public static void appendLiteral(char[] value, StringBuilder out) {
        boolean bare = true;
        boolean singleQuotable = true;
        for (int i = 0; i < value.length; i++) {
            char c = value[i];
            if (Character.isHighSurrogate(c) && i + 1 < value.length && Character.isLowSurrogate(value[i + 1])) {
                i++;
                bare = false;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("the value holds an unpaired UTF-16 surrogate and cannot be "
                        + "stored as UTF-8");
            }
            bare &= isBare(c);
            singleQuotable &= c != '\'' && c != '\r';
        }
        if (bare) {
            out.append(value);
        } else if (singleQuotable) {
            out.append('\'').append(value).append('\'');
        } else {
            appendDoubleQuoted(value, out);
        }
    }

    private static void appendDoubleQuoted(char[] value, StringBuilder out) {
        out.append('"');
        for (char c : value) {
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '"': out.append("\\\""); break;
                case '$': out.append("\\$"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default: out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean isBare(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "_-./:@+,=%~^".indexOf(c) >= 0;
    }
}
