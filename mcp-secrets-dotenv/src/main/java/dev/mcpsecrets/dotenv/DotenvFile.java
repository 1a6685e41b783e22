package dev.mcpsecrets.dotenv;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.api.internal.files.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@code .env} file to edit: {@link #set} and {@link #remove} change only the statements of that key and
 * keep every other line, comment, blank line and the order as they are; {@link #write()} replaces the file
 * atomically with mode 600. Immutable: {@code set} and {@code remove} return a new instance.
 *
 * <pre>{@code
 * DotenvFile.load(Path.of(".env")).set("GITHUB_TOKEN", token).write();
 * }</pre>
 *
 * <p>Values are written so that {@link DotenvParser} reads back exactly the same characters: bare when
 * harmless, else single-quoted, else double-quoted with escapes. {@link #toString()} never shows a value.
 *
 * @since 0.1
 */
public final class DotenvFile {
    private final Path path;
    private final String text;
    private final Scanner.Scanned scanned;

    private DotenvFile(Path path, String text) {
        this.path = path;
        this.text = text;
        this.scanned = Scanner.scan(text, path.toString(), Dialect.STANDARD);
    }

    /**
     * Reads a file to edit. A missing file is an empty one (it is created by {@link #write()}); statements
     * that do not parse are kept as they are and listed in {@link #problems()}.
     *
     * @param path the file
     * @return the file's content
     * @throws IOException if the file exists but cannot be read, or is not UTF-8
     */
    public static DotenvFile load(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return read(path, SafeFiles.target(path));
    }

    /**
     * Edits a file safely against concurrent editors: under an exclusive lock on {@code NAME.lock} beside the
     * file (honoured by every {@code update} and {@link #write()} in this and other processes), the file is
     * read afresh, {@code edit} applied and the result written as {@link #write()} does. Use this rather than
     * {@code load(...).set(...).write()} whenever another process may edit the same file.
     *
     * <pre>{@code
     * DotenvFile.update(Path.of(".env"), f -> f.set("GITHUB_TOKEN", token));
     * }</pre>
     *
     * @param path the file; a symlink is followed once and its target edited
     * @param edit turns the current content into the new one; returning its argument writes nothing
     * @return the content as it was before the edit
     * @throws IOException if the file cannot be read, is not UTF-8, or cannot be written; it is then unchanged
     * @since 0.1
     */
    public static DotenvFile update(Path path, UnaryOperator<DotenvFile> edit) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(edit, "edit");
        Path target = SafeFiles.target(path);
        return SafeFiles.locked(target, () -> {
            DotenvFile before = read(path, target);
            DotenvFile after = edit.apply(before);
            if (after != before) {
                after.writeTo(target);
            }
            return before;
        });
    }

    private static DotenvFile read(Path path, Path target) throws IOException {
        byte[] bytes = SafeFiles.read(target, FileLimits.MAX_DOTENV_BYTES).orElse(null);
        if (bytes == null) {
            return new DotenvFile(path, "");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return new DotenvFile(path, chars.toString());
        } catch (CharacterCodingException e) {
            throw Utf8Errors.locate(bytes, path.toString()).toException();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Whether a string can be used as a key: one or more ASCII letters, digits, {@code _}, {@code .} or {@code -}.
     *
     * @param key the candidate
     * @return whether it is a valid key
     */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!Syntax.isKeyChar(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The file this content belongs to.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * The keys defined, in the order of their first definition.
     *
     * @return an unmodifiable set
     */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Binding binding : scanned.bindings()) {
            keys.add(binding.key());
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Whether a key is defined.
     *
     * @param key the key
     * @return {@code true} when at least one statement defines it
     */
    public boolean contains(String key) {
        Objects.requireNonNull(key, "key");
        return scanned.bindings().stream().anyMatch(b -> b.key().equals(key));
    }

    /**
     * The statements that do not parse (kept unchanged by edits).
     *
     * @return the problems, without values
     */
    public List<DotenvProblem> problems() {
        return scanned.problems();
    }

    /**
     * Sets a key. The last statement defining it is rewritten in place (its indentation, {@code export} and
     * trailing comment are kept); earlier definitions of the same key are removed so that no old value
     * lingers; a new key is appended at the end.
     *
     * @param key the key, see {@link #isValidKey}
     * @param value the value (read, not kept, not destroyed)
     * @return the edited content
     * @throws IllegalArgumentException if the key is not valid or the value holds an unpaired surrogate
     */
    public DotenvFile set(String key, Secret value) {
        requireValidKey(key);
        Objects.requireNonNull(value, "value");
        StringBuilder literal = new StringBuilder(key.length() + value.length() + 3).append(key).append('=');
        char[] chars = value.revealChars();
        try {
            ValueQuoter.appendLiteral(chars, literal);
        } finally {
            Arrays.fill(chars, '\0');
        }
        List<Binding> defining = definitionsOf(key);
        StringBuilder edited = new StringBuilder(text.length() + literal.length() + 2);
        if (defining.isEmpty()) {
            edited.append(text);
            if (!text.isEmpty() && !endsWithLineEnd(text)) {
                edited.append(lineEnd());
            }
            edited.append(literal).append(lineEnd());
        } else {
            Binding last = defining.get(defining.size() - 1);
            int copied = 0;
            for (Binding binding : defining) {
                if (binding == last) {
                    edited.append(text, copied, binding.keyStart()).append(literal);
                    if (binding.valueEnd() < text.length() && text.charAt(binding.valueEnd()) == '#') {
                        // "A="x"#note" becomes "A=y #note": a bare value would otherwise swallow the comment.
                        edited.append(' ');
                    }
                    copied = binding.valueEnd();
                } else {
                    edited.append(text, copied, binding.lineStart());
                    copied = binding.statementEnd();
                }
            }
            edited.append(text, copied, text.length());
        }
        return new DotenvFile(path, edited.toString());
    }

    /**
     * Removes every statement defining a key (whole lines, including a trailing comment on them).
     *
     * @param key the key
     * @return the edited content (this instance when the key is not defined)
     */
    public DotenvFile remove(String key) {
        requireValidKey(key);
        List<Binding> defining = definitionsOf(key);
        if (defining.isEmpty()) {
            return this;
        }
        StringBuilder edited = new StringBuilder(text.length());
        int copied = 0;
        for (Binding binding : defining) {
            edited.append(text, copied, binding.lineStart());
            copied = binding.statementEnd();
        }
        edited.append(text, copied, text.length());
        return new DotenvFile(path, edited.toString());
    }

    /**
     * Writes the content to {@link #path()} atomically: a temporary file created exclusively (never through a
     * symlink) in the same directory with mode 600 and an unpredictable name, forced to disk, renamed over the
     * file. A symlink at {@link #path()} is followed and its target replaced. Missing parent directories are
     * created with mode 700, as a secrets directory such as {@code ~/.config/mcp-secrets} needs. Writers are
     * serialised by the lock {@link #update} takes; a directory in which other users can replace files (group-
     * or world-writable without the sticky bit) is written with a warning in the log.
     *
     * @throws IOException if writing fails; the file is then unchanged
     */
    public void write() throws IOException {
        Path target = SafeFiles.target(path);
        SafeFiles.locked(target, () -> {
            writeTo(target);
            return null;
        });
    }

    private void writeTo(Path target) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            SafeFiles.write(target, bytes, SafeFiles.SharedDirectory.WARN);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Parses the current content, e.g. to check an edit before writing it.
     *
     * @param parser the parser to use
     * @return the parse result
     * @throws DotenvParseException if the parser is strict and the content has an error
     */
    public DotenvResult parse(DotenvParser parser) throws DotenvParseException {
        return parser.parse(text, path.toString());
    }

    private List<Binding> definitionsOf(String key) {
        List<Binding> defining = new ArrayList<>();
        for (Binding binding : scanned.bindings()) {
            if (binding.key().equals(key)) {
                defining.add(binding);
            }
        }
        return defining;
    }

    private String lineEnd() {
        int lf = text.indexOf('\n');
        return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }

    private static boolean endsWithLineEnd(String s) {
        char last = s.charAt(s.length() - 1);
        return last == '\n' || last == '\r';
    }

    private static void requireValidKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!isValidKey(key)) {
            // The key is not echoed: a misplaced argument could be the secret itself.
            throw new IllegalArgumentException("not a valid .env key (" + key.length()
                    + " characters): use one or more ASCII letters, digits, '_', '.' or '-'");
        }
    }

    @Override
    public String toString() {
        return "DotenvFile[" + path + ", " + scanned.bindings().size() + " definitions]";
    }
}
