package dev.mcpsecrets.pass.internal;

import java.util.Arrays;

/**
 * Picks one part out of a decrypted entry without turning any of it into a {@link String}: line N
 * (lines end at LF; a CR before it is dropped; a final line break does not start another line) or the
 * value of the first {@code FIELD: value} line after the first line, the convention pass and gopass
 * users write metadata in. Field names match ignoring case; the value is the text after the first
 * colon with surrounding spaces and tabs removed.
 */
final class EntryText {
    private EntryText() {
    }

    /**
     * The part of {@code content} that {@code entry} asks for.
     *
     * @param content the decrypted entry
     * @param entry which part
     * @return a new array with the part (possibly empty), or {@code null} when there is no such line or field
     */
    static char[] select(char[] content, PassEntry entry) {
        int lineNo = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > start && content[end - 1] == '\r') {
                end--;
            }
            lineNo++;
            if (entry.field() == null) {
                if (lineNo == entry.line()) {
                    return Arrays.copyOfRange(content, start, end);
                }
            } else if (lineNo > 1) {
                char[] value = fieldValue(content, start, end, entry.field());
                if (value != null) {
                    return value;
                }
            }
            start = next;
        }
        return null;
    }

    private static char[] fieldValue(char[] content, int start, int end, String field) {
        int colon = start;
        while (colon < end && content[colon] != ':') {
            colon++;
        }
        if (colon == end) {
            return null;
        }
        int keyStart = skipBlanks(content, start, colon);
        int keyEnd = trimBlanks(content, keyStart, colon);
        if (keyEnd - keyStart != field.length()) {
            return null;
        }
        for (int i = 0; i < field.length(); i++) {
            if (!sameIgnoringCase(content[keyStart + i], field.charAt(i))) {
                return null;
            }
        }
        int valueStart = skipBlanks(content, colon + 1, end);
        int valueEnd = trimBlanks(content, valueStart, end);
        return Arrays.copyOfRange(content, valueStart, valueEnd);
    }

    private static boolean sameIgnoringCase(char a, char b) {
        if (a == b) {
            return true;
        }
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    private static int skipBlanks(char[] c, int from, int to) {
        int i = from;
        while (i < to && (c[i] == ' ' || c[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int trimBlanks(char[] c, int from, int to) {
        int i = to;
        while (i > from && (c[i - 1] == ' ' || c[i - 1] == '\t')) {
            i--;
        }
        return i;
    }
}
