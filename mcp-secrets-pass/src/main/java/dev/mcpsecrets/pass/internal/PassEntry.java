package dev.mcpsecrets.pass.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.SecretRef;

/**
 * A parsed {@code pass:} reference: the entry name and which part of the entry is wanted —
 * {@code pass:NAME} (the first line, the password), {@code pass:NAME#FIELD} (the value of a
 * {@code FIELD: value} line after the first) or {@code pass:NAME#line=N} (line N, counting from 1).
 *
 * <p>Entry names are relative to the store, as {@code pass} takes them: no leading {@code /}, no
 * {@code .} or {@code ..} segment, no empty segment, no leading {@code -} (a program would read it as an
 * option), no control characters, and no {@code #} (it starts the part).
 *
 * @param name the entry name, e.g. {@code email/work}
 * @param field the field name, or {@code null}
 * @param line the line number (1 = the first line) when no field is given
 */
public record PassEntry(String name, String field, int line) {
    /** The scheme. */
    public static final String SCHEME = "pass";
    /** Longest entry name accepted. */
    static final int MAX_NAME = 1024;
    /** Highest line number accepted. */
    static final int MAX_LINE = 999_999;
    private static final int MAX_FIELD = 256;
    private static final int MAX_SHOWN = 200;
    private static final String LINE_PREFIX = "line=";

    /**
     * Parses a reference of the {@code pass} scheme.
     *
     * @param ref the reference
     * @return the entry and part
     * @throws MalformedRefException if the scheme is not {@code pass} or the body breaks the rules above
     */
    public static PassEntry parse(SecretRef ref) throws MalformedRefException {
        String text = ref.format();
        if (!SCHEME.equals(ref.scheme())) {
            throw new MalformedRefException(shown(text), 0, "not a pass: reference");
        }
        String body = ref.body();
        int offset = SCHEME.length() + 1;
        int hash = body.indexOf('#');
        String name = hash < 0 ? body : body.substring(0, hash);
        String problem = nameProblem(name);
        if (problem != null) {
            throw new MalformedRefException(shown(text), offset + problemIndex(name), problem);
        }
        if (hash < 0) {
            return new PassEntry(name, null, 1);
        }
        String part = body.substring(hash + 1);
        int partAt = offset + hash + 1;
        if (part.isEmpty()) {
            throw new MalformedRefException(shown(text), partAt, "nothing after '#': write #FIELD or #line=N");
        }
        if (part.startsWith(LINE_PREFIX)) {
            int n = lineNumber(part.substring(LINE_PREFIX.length()));
            if (n < 0) {
                throw new MalformedRefException(shown(text), partAt + LINE_PREFIX.length(),
                        "#line=N needs a line number from 1 to " + MAX_LINE + " without leading zeros");
            }
            return new PassEntry(name, null, n);
        }
        String fieldProblem = fieldProblem(part);
        if (fieldProblem != null) {
            throw new MalformedRefException(shown(text), partAt, fieldProblem);
        }
        return new PassEntry(name, part, 0);
    }

    /**
     * What is wrong with an entry name, or {@code null} if it is valid. The answer never repeats the name.
     *
     * @param name an entry name
     * @return a sentence fragment, or {@code null}
     */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "no entry name; write pass:NAME, e.g. pass:email/work";
        }
        if (name.length() > MAX_NAME) {
            return "the entry name is longer than " + MAX_NAME + " characters";
        }
        if (name.charAt(0) == '/') {
            return "absolute paths are not entry names; name the entry relative to the store, e.g. pass:email/work";
        }
        if (name.charAt(0) == '-') {
            return "entry names may not start with '-'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return "control or invisible formatting character in the entry name";
            }
            if (c == '#') {
                return "'#' starts the part of the entry (#FIELD or #line=N); entry names may not contain it";
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty path segment in the entry name ('//' or a trailing '/')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'.' and '..' are not allowed in entry names";
            }
        }
        return null;
    }

    /**
     * The reference as it may be shown in a message: quoted when short and printable, else only its length.
     *
     * @param text reference text
     * @return what to show
     */
    static String shown(String text) {
        if (text.length() > MAX_SHOWN) {
            return "(a pass: reference of " + text.length() + " characters, not shown)";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return "(a pass: reference of " + text.length() + " characters with control characters, not shown)";
            }
        }
        return "'" + text + "'";
    }

    /** The reference text, e.g. {@code pass:email/work#user}. */
    String text() {
        String part = field != null ? "#" + field : line == 1 ? "" : "#line=" + line;
        return SCHEME + ":" + name + part;
    }

    /** What is asked for, for messages: "the first line", "field 'user'", "line 3". */
    String describePart() {
        if (field != null) {
            return "field '" + field + "'";
        }
        return line == 1 ? "the first line" : "line " + line;
    }

    private static int problemIndex(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return i;
            }
        }
        return 0;
    }

    private static int lineNumber(String digits) {
        if (digits.isEmpty() || digits.length() > 6 || digits.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(digits);
    }

    private static String fieldProblem(String field) {
        if (field.length() > MAX_FIELD) {
            return "the field name is longer than " + MAX_FIELD + " characters";
        }
        if (field.isBlank() || field.strip().length() != field.length()) {
            return "the field name is blank or has spaces around it";
        }
        if (field.indexOf(':') >= 0 || field.indexOf('#') >= 0) {
            return "field names may not contain ':' or '#'";
        }
        return null;
    }
}
