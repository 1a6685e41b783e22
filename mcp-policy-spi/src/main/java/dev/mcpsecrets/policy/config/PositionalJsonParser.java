package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.config.JsonDialect;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.ParseProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A small recursive-descent JSON parser that keeps the line, column and JSON pointer of every value.
 * It always accepts comments and trailing commas so the rest of a file can be checked, and records
 * them as problems when the dialect does not allow them. It stops at the first real syntax error.
 */
public final class PositionalJsonParser {
    private static final int MAX_DEPTH = dev.mcpsecrets.api.internal.files.FileLimits.MAX_JSON_DEPTH;
    /**
     * Every value keeps its JSON pointer, and a pointer repeats the names above it: long names nested
     * deep, or millions of values, would need far more memory than the file has bytes. No MCP config
     * comes near this many characters of pointers in total.
     */
    public static final long MAX_POINTER_CHARS = 64L * 1024 * 1024;

    private final String text;
    private final Path file;
    private final JsonDialect dialect;
    private final List<ParseProblem> problems = new ArrayList<>();
    /** Comments, trailing commas and duplicate names recorded per file; the rest are not kept. */
    private static final int MAX_TOLERATED_PROBLEMS = 1000;

    private long pointerChars;
    private int pos;
    private int line = 1;
    private int lineStart;

    /** Thrown inside the parser to unwind to {@link #parse()} at the first syntax error. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super(null, null, false, false);
        }
    }

    private PositionalJsonParser(String text, Path file, JsonDialect dialect) {
        this.text = text;
        this.file = file;
        this.dialect = dialect;
    }

    /**
     * Parses a document.
     *
     * @param text the text
     * @param file the file it came from
     * @param dialect the dialect
     * @param problems receives the problems
     * @return the root, or empty after a syntax error
     */
    public static Optional<JsonValue> parse(String text, Path file, JsonDialect dialect, List<ParseProblem> problems) {
        PositionalJsonParser parser = new PositionalJsonParser(text, file, dialect);
        Optional<JsonValue> root = parser.parse();
        problems.addAll(parser.problems);
        return root;
    }

    private Optional<JsonValue> parse() {
        try {
            if (text.startsWith("\uFEFF")) {
                pos = 1;
                lineStart = 1;
            }
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("the file is empty; an MCP config needs at least {}");
            }
            JsonValue root = value("", 0);
            skipWhitespace();
            if (pos < text.length()) {
                throw error("unexpected " + describe(text.charAt(pos)) + " after the end of the document");
            }
            return Optional.of(root);
        } catch (SyntaxError e) {
            return Optional.empty();
        }
    }

    private Location here(String pointer) {
        return new Location(file, line, pos - lineStart + 1, pointer);
    }

    private SyntaxError error(String message) {
        return stop(ParseProblem.Kind.SYNTAX_ERROR, message);
    }

    private SyntaxError stop(ParseProblem.Kind kind, String message) {
        problems.add(new ParseProblem(kind, here(null), message));
        return new SyntaxError();
    }

    private JsonValue value(String pointer, int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("the document ends where a value was expected");
        }
        char c = text.charAt(pos);
        Location at = here(pointer);
        switch (c) {
            case '{':
                return object(pointer, depth, at);
            case '[':
                return array(pointer, depth, at);
            case '"':
                return new JsonValue.StringValue(string(), at);
            case 't':
                literal("true");
                return new JsonValue.BooleanValue(true, at);
            case 'f':
                literal("false");
                return new JsonValue.BooleanValue(false, at);
            case 'n':
                literal("null");
                return new JsonValue.NullValue(at);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return new JsonValue.NumberValue(number(), at);
                }
                throw error("expected a value but found " + describe(c));
        }
    }

    private JsonValue.ObjectValue object(String pointer, int depth, Location at) {
        pos++;
        List<JsonValue.Member> members = new ArrayList<>();
        Set<String> names = new HashSet<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new JsonValue.ObjectValue(members, at);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes but found " + describeNext());
            }
            Location nameAt = here(null);
            String name = string();
            String childPointer = child(pointer, escapePointer(name));
            if (!names.add(name)) {
                tolerated(new ParseProblem(ParseProblem.Kind.DUPLICATE_KEY, nameAt.withPointer(childPointer),
                        "member \"" + safeName(name) + "\" is given twice; the last one wins"));
            }
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':' after a member name but found " + describeNext());
            }
            pos++;
            skipWhitespace();
            members.add(new JsonValue.Member(name, nameAt.withPointer(childPointer), value(childPointer, depth + 1)));
            if (closesAfterElement('}')) {
                return new JsonValue.ObjectValue(members, at);
            }
        }
    }

    private JsonValue.ArrayValue array(String pointer, int depth, Location at) {
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonValue.ArrayValue(elements, at);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(child(pointer, Integer.toString(elements.size())), depth + 1));
            if (closesAfterElement(']')) {
                return new JsonValue.ArrayValue(elements, at);
            }
        }
    }

    /** Records a problem the parse goes on after; a file full of them keeps only the first ones. */
    private void tolerated(ParseProblem problem) {
        if (problems.size() < MAX_TOLERATED_PROBLEMS) {
            problems.add(problem);
        }
    }

    private String child(String pointer, String token) {
        pointerChars += pointer.length() + 1L + token.length();
        if (pointerChars > MAX_POINTER_CHARS) {
            throw stop(ParseProblem.Kind.TOO_LARGE, "too many values, or names nested too deep, to keep the "
                    + "position of every value (more than " + MAX_POINTER_CHARS / (1024 * 1024)
                    + " Mi characters of JSON pointers)");
        }
        return pointer + "/" + token;
    }

    /**
     * After an element: consumes the closing bracket (true), or a comma before the next element
     * (false). A comma right before the closing bracket is a trailing comma.
     */
    private boolean closesAfterElement(char close) {
        skipWhitespace();
        char c = peek();
        if (c == close) {
            pos++;
            return true;
        }
        if (c != ',') {
            throw error("expected ',' or '" + close + "' but found " + describeNext());
        }
        Location comma = here(null);
        pos++;
        skipWhitespace();
        if (peek() != close) {
            return false;
        }
        if (!dialect.allowsTrailingCommas()) {
            tolerated(new ParseProblem(ParseProblem.Kind.TRAILING_COMMA, comma,
                    "trailing comma; " + dialectName() + " does not allow one before the closing bracket"));
        }
        pos++;
        return true;
    }

    private String string() {
        pos++;
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("a string is not closed before the end of the file");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error(c == '\n' || c == '\r' ? "a string is not closed at the end of the line"
                        : "a control character inside a string must be escaped");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, start, pos);
                pos++;
                sb.append(escape());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("a string is not closed before the end of the file");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("\\u needs four hex digits");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(text.charAt(pos), 16);
                    if (d < 0) {
                        throw error("\\u needs four hex digits");
                    }
                    code = code * 16 + d;
                    pos++;
                }
                return (char) code;
            default:
                pos--;
                throw error("invalid escape sequence in a string");
        }
    }

    private String number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("a number needs digits");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("a number needs digits after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs digits in its exponent");
            }
            digits();
        }
        return text.substring(start, pos);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value but found " + describe(text.charAt(pos)));
        }
        pos += word.length();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n' || c == '\r') {
                pos++;
                if (c == '\r' && peek() == '\n') {
                    pos++;
                }
                line++;
                lineStart = pos;
            } else if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
                comment();
            } else {
                return;
            }
        }
    }

    private void comment() {
        Location at = here(null);
        if (!dialect.allowsComments()) {
            tolerated(new ParseProblem(ParseProblem.Kind.COMMENT, at,
                    "comment; " + dialectName() + " does not allow comments and the client will not load this file"));
        }
        if (text.charAt(pos + 1) == '/') {
            while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                pos++;
            }
            return;
        }
        pos += 2;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '*' && pos + 1 < text.length() && text.charAt(pos + 1) == '/') {
                pos += 2;
                return;
            }
            pos++;
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
                lineStart = pos;
            }
        }
        problems.add(new ParseProblem(ParseProblem.Kind.SYNTAX_ERROR, at, "a /* comment is not closed"));
        throw new SyntaxError();
    }

    private String dialectName() {
        return dialect == JsonDialect.STRICT ? "strict JSON" : "this client's JSON dialect";
    }

    private String describeNext() {
        return pos >= text.length() ? "the end of the file" : describe(text.charAt(pos));
    }

    /** Names a character without echoing file content that could belong to a secret. */
    private static String describe(char c) {
        if ("{}[]:,\"'/".indexOf(c) >= 0) {
            return "'" + c + "'";
        }
        if (Character.isLetterOrDigit(c)) {
            return "text that is not JSON (a letter or digit)";
        }
        if (Character.isWhitespace(c)) {
            return "a whitespace character that JSON does not allow";
        }
        return String.format("character U+%04X", (int) c);
    }

    /** Member names are shown in messages; very long or odd ones are shortened. */
    private static String safeName(String name) {
        String cleaned = name.replaceAll("[^\\p{Alnum}_.\\-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }

    /**
     * Escapes a member name for a JSON pointer (RFC 6901).
     *
     * @param name the member name
     * @return the escaped reference token
     */
    public static String escapePointer(String name) {
        if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
            return name;
        }
        return name.replace("~", "~0").replace("/", "~1");
    }
}
