package dev.mcpsecrets.policy.engine.internal;

/** Globs for suppressions: {@code *} within a segment, {@code **} across segments, {@code ?} one character. */
public final class GlobPattern {
    private GlobPattern() {
    }

    /**
     * Translates a glob to a regular expression.
     *
     * @param glob the glob
     * @param segmented whether {@code /} separates segments ({@code *} stops at it); for rule ids
     *     {@code false}
     * @return the regular expression, matching the whole text
     */
    public static String toRegex(String glob, boolean segmented) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append(segmented ? "[^/]*" : ".*");
            } else if (c == '?') {
                re.append(segmented ? "[^/]" : ".");
            } else if (c == '\\' && i + 1 < glob.length()) {
                re.append(java.util.regex.Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (Character.isLetterOrDigit(c)) {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
        }
        return re.toString();
    }

    /**
     * Escapes a literal text (a directory path) so it can be prefixed to a glob.
     *
     * @param literal the text
     * @return the glob matching exactly the text
     */
    public static String quote(String literal) {
        StringBuilder sb = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
