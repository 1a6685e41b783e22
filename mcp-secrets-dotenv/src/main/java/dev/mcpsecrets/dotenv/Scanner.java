package dev.mcpsecrets.dotenv;

import static dev.mcpsecrets.dotenv.Syntax.isBlank;
import static dev.mcpsecrets.dotenv.Syntax.isKeyChar;
import static dev.mcpsecrets.dotenv.Syntax.isLineEnd;

import dev.mcpsecrets.dotenv.DotenvProblem.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * A single forward pass over a {@code .env} text producing its statements and problems.
 *
 * <p>Every character is looked at a bounded number of times, so time and memory are linear in the input:
 * closing quotes are found by a forward scan, and once a scan for a quote reaches the end of the input
 * the scanner remembers that no such quote follows, so many unterminated quotes cannot make it quadratic.
 * Problem descriptions never quote the input: a malformed line may well be a pasted secret.
 */
final class Scanner {
    private final String src;
    private final int length;
    private final String source;
    private final Dialect dialect;
    private final List<Binding> bindings = new ArrayList<>();
    private final List<DotenvProblem> problems = new ArrayList<>();
    private final ValueBuffer value = new ValueBuffer();
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Set once a scan for that quote character reached the end of input without finding one. */
    private boolean noSingleQuoteLeft;
    private boolean noDoubleQuoteLeft;
    private boolean noBacktickLeft;

    private Scanner(String src, String source, Dialect dialect) {
        this.src = src;
        this.length = src.length();
        this.source = source;
        this.dialect = dialect;
    }

    /**
     * Scans a whole text.
     *
     * @param text the input
     * @param source the source name for problems
     * @param dialect the dialect
     * @return the statements and problems
     */
    public static Scanned scan(String text, String source, Dialect dialect) {
        Scanner scanner = new Scanner(text, source, dialect);
        scanner.run();
        return new Scanned(scanner.bindings, scanner.problems);
    }

    /**
     * The scanner's output.
     *
     * @param bindings the statements in input order
     * @param problems the problems in input order
     */
    public record Scanned(List<Binding> bindings, List<DotenvProblem> problems) {
    }

    private void run() {
        if (length > 0 && src.charAt(0) == '\uFEFF') {
            pos = 1;
            lineStart = 1;
        }
        while (pos < length) {
            statement();
        }
    }

    private void statement() {
        int statementStart = pos;
        skipBlanks();
        if (pos >= length) {
            return;
        }
        char c = src.charAt(pos);
        if (isLineEnd(c)) {
            endLine();
            return;
        }
        if (c == '#') {
            skipRestOfLine();
            return;
        }
        skipExportPrefix();
        int keyStart = pos;
        int keyColumn = column();
        while (pos < length && isKeyChar(src.charAt(pos))) {
            pos++;
        }
        if (pos == keyStart) {
            error(line, column(), "expected a variable name (letters, digits, '_', '.', '-')");
            skipRestOfLine();
            return;
        }
        String key = src.substring(keyStart, pos);
        int keyLine = line;
        skipBlanks();
        if (pos >= length || src.charAt(pos) != '=') {
            error(line, column(), pos >= length || isLineEnd(src.charAt(pos))
                    ? "expected '=' after the variable name, found the end of the line"
                    : "expected '=' after the variable name");
            skipRestOfLine();
            return;
        }
        pos++;
        skipBlanks();
        value.reset();
        Binding.Quote quote = readValue();
        if (quote == null) {
            return;
        }
        int valueEnd = pos;
        if (!finishLine()) {
            return;
        }
        bindings.add(new Binding(key, value.value(), quote, value.literalDollars(), keyLine, keyColumn,
                statementStart, keyStart, valueEnd, pos));
    }

    /** Reads the value into {@link #value}; returns null (after reporting and skipping) when it is broken. */
    private Binding.Quote readValue() {
        if (pos >= length) {
            return Binding.Quote.NONE;
        }
        switch (src.charAt(pos)) {
            case '\'':
                return readLiteralQuoted('\'', Binding.Quote.SINGLE) ? Binding.Quote.SINGLE : null;
            case '`':
                return readLiteralQuoted('`', Binding.Quote.BACKTICK) ? Binding.Quote.BACKTICK : null;
            case '"':
                return readDoubleQuoted() ? Binding.Quote.DOUBLE : null;
            default:
                readUnquoted();
                return Binding.Quote.NONE;
        }
    }

    private boolean readLiteralQuoted(char quote, Binding.Quote kind) {
        int openLine = line;
        int openColumn = column();
        int close = noneLeft(kind) ? -1 : src.indexOf(quote, pos + 1);
        if (close < 0) {
            markNoneLeft(kind);
            unterminated(kind, openLine, openColumn);
            return false;
        }
        if (!closesStatement(pos, close)) {
            unterminated(kind, openLine, openColumn);
            return false;
        }
        int run = pos + 1;
        for (int i = pos + 1; i < close; i++) {
            char c = src.charAt(i);
            if (c == '\r') {
                value.append(src, run, i);
                value.append('\n');
                if (i + 1 < close && src.charAt(i + 1) == '\n') {
                    i++;
                }
                run = i + 1;
                newLineAt(i + 1);
            } else if (c == '\n') {
                newLineAt(i + 1);
            }
        }
        if (run == pos + 1) {
            value.slice(src, run, close);
        } else {
            value.append(src, run, close);
        }
        pos = close + 1;
        return true;
    }

    private boolean readDoubleQuoted() {
        int openLine = line;
        int openColumn = column();
        if (noDoubleQuoteLeft) {
            unterminated(Binding.Quote.DOUBLE, openLine, openColumn);
            return false;
        }
        boolean node = dialect == Dialect.NODE;
        int i = pos + 1;
        int run = i;
        boolean rewritten = false;
        while (i < length) {
            char c = src.charAt(i);
            if (c == '"') {
                if (!closesStatement(pos, i)) {
                    value.reset();
                    rewindTo(openLine, openColumn);
                    unterminated(Binding.Quote.DOUBLE, openLine, openColumn);
                    return false;
                }
                if (rewritten) {
                    value.append(src, run, i);
                } else {
                    value.slice(src, run, i);
                }
                pos = i + 1;
                return true;
            }
            if (c == '\\' && i + 1 < length) {
                value.append(src, run, i);
                rewritten = true;
                i = value.escape(src, i, node);
                run = i;
                continue;
            }
            if (c == '\r') {
                value.append(src, run, i);
                value.append('\n');
                rewritten = true;
                i += i + 1 < length && src.charAt(i + 1) == '\n' ? 2 : 1;
                run = i;
                newLineAt(i);
                continue;
            }
            i++;
            if (c == '\n') {
                newLineAt(i);
            }
        }
        value.reset();
        noDoubleQuoteLeft = true;
        rewindTo(openLine, openColumn);
        unterminated(Binding.Quote.DOUBLE, openLine, openColumn);
        return false;
    }

    /**
     * Whether a quote closing at {@code close} (opened at {@code open}) ends the statement: it does when it is on
     * the opening line, or when only blanks and a comment follow it on its own line. A quote on a later line that
     * has more text after it is most likely the opening quote of a later statement ({@code FOO="} then
     * {@code BAR="bar"}): the value is then reported as unterminated at its opening quote and the statements after
     * that line are still read, instead of one missing quote swallowing the next statement.
     *
     * <p>Stays linear: the rescanned text lies before the next quote of the same kind, which cannot open another
     * value spanning it.
     */
    private boolean closesStatement(int open, int close) {
        int lineEnd = open;
        while (lineEnd < close && !isLineEnd(src.charAt(lineEnd))) {
            lineEnd++;
        }
        if (lineEnd == close) {
            return true;
        }
        int p = close + 1;
        while (p < length && isBlank(src.charAt(p))) {
            p++;
        }
        return p >= length || isLineEnd(src.charAt(p)) || src.charAt(p) == '#';
    }

    /** Rewinds the line count to the opening line (pos is still at the opening quote): recovery continues on
     * the line after it. */
    private void rewindTo(int openLine, int openColumn) {
        line = openLine;
        lineStart = pos - openColumn + 1;
    }

    private void readUnquoted() {
        int start = pos;
        int end = start;
        boolean node = dialect == Dialect.NODE;
        while (end < length) {
            char c = src.charAt(end);
            if (isLineEnd(c)) {
                break;
            }
            if (c == '#' && (node || isBlank(src.charAt(end - 1)))) {
                break;
            }
            end++;
        }
        int trimmed = end;
        while (trimmed > start && isBlank(src.charAt(trimmed - 1))) {
            trimmed--;
        }
        value.slice(src, start, trimmed);
        pos = trimmed;
    }

    /** After a value: only blanks and a comment may follow on the line. Consumes the line end. */
    private boolean finishLine() {
        skipBlanks();
        if (pos < length && !isLineEnd(src.charAt(pos)) && src.charAt(pos) != '#') {
            error(line, column(), "unexpected text after the closing quote; quote the whole value");
            skipRestOfLine();
            return false;
        }
        skipRestOfLine();
        return true;
    }

    private void unterminated(Binding.Quote kind, int openLine, int openColumn) {
        String name = kind == Binding.Quote.SINGLE ? "single quote" : kind == Binding.Quote.DOUBLE
                ? "double quote" : "backtick";
        error(openLine, openColumn, "unterminated " + name + " opened at line " + openLine + " column "
                + openColumn + "; the rest of that line was skipped");
        skipRestOfLine();
    }

    private boolean noneLeft(Binding.Quote kind) {
        return kind == Binding.Quote.SINGLE ? noSingleQuoteLeft : noBacktickLeft;
    }

    private void markNoneLeft(Binding.Quote kind) {
        if (kind == Binding.Quote.SINGLE) {
            noSingleQuoteLeft = true;
        } else {
            noBacktickLeft = true;
        }
    }

    /** {@code export} followed by blanks and a key is a prefix; {@code export=1} is a key named export. */
    private void skipExportPrefix() {
        if (!src.startsWith("export", pos) || pos + 6 >= length || !isBlank(src.charAt(pos + 6))) {
            return;
        }
        int p = pos + 6;
        while (p < length && isBlank(src.charAt(p))) {
            p++;
        }
        if (p < length && isKeyChar(src.charAt(p))) {
            pos = p;
        }
    }

    private void skipBlanks() {
        while (pos < length && isBlank(src.charAt(pos))) {
            pos++;
        }
    }

    private void skipRestOfLine() {
        while (pos < length && !isLineEnd(src.charAt(pos))) {
            pos++;
        }
        endLine();
    }

    /** Consumes one line end (LF, CRLF or CR) if there is one. */
    private void endLine() {
        if (pos >= length) {
            return;
        }
        if (src.charAt(pos) == '\r' && pos + 1 < length && src.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        newLineAt(pos);
    }

    private void newLineAt(int start) {
        line++;
        lineStart = start;
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private void error(int atLine, int atColumn, String description) {
        problems.add(new DotenvProblem(source, atLine, atColumn, Severity.ERROR, description));
    }
}
