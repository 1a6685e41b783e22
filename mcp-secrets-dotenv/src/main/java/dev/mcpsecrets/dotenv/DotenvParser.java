package dev.mcpsecrets.dotenv;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A linear-time parser for {@code .env} files. Immutable and thread-safe; build one and reuse it.
 *
 * <pre>{@code
 * DotenvResult env = DotenvParser.standard().parse(Path.of(".env"));
 * Optional<DotenvEntry> token = env.find("GITHUB_TOKEN");
 * }</pre>
 *
 * <p>Syntax: {@code KEY=VALUE} lines, optional {@code export }, {@code #} comments, single quotes
 * (literal), double quotes (escapes, may span lines), backticks (literal), {@code ${VAR}} and
 * {@code ${VAR:-default}} expansion from earlier keys, then the {@linkplain Builder#environment
 * environment}. See {@link Dialect} for the alternative rules of Node's {@code dotenv}.
 *
 * <p>A strict parser throws {@link DotenvParseException} on the first statement it cannot parse; a lenient
 * one leaves such statements out and lists them in {@link DotenvResult#problems()}. Either way an
 * unterminated quote only costs its own line, never the rest of the file.
 *
 * @since 0.1
 */
public final class DotenvParser {
    private static final DotenvParser STANDARD = builder().build();

    private final Dialect dialect;
    private final boolean strict;
    private final boolean expand;
    private final Map<String, String> environment;

    private DotenvParser(Builder builder) {
        this.dialect = builder.dialect;
        this.strict = builder.strict;
        this.expand = builder.expand;
        this.environment = Map.copyOf(builder.environment);
    }

    /**
     * The default parser: {@link Dialect#STANDARD}, strict, expanding from earlier keys only (no environment).
     *
     * @return the shared default parser
     */
    public static DotenvParser standard() {
        return STANDARD;
    }

    /**
     * A builder starting from the defaults of {@link #standard()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The dialect this parser follows.
     *
     * @return the dialect
     */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Whether this parser throws on the first error instead of collecting problems.
     *
     * @return {@code true} when strict
     */
    public boolean isStrict() {
        return strict;
    }

    /**
     * Parses a text.
     *
     * @param text the {@code .env} content
     * @param source a name for messages, e.g. the file path
     * @return the result
     * @throws DotenvParseException in strict mode, for the first statement that cannot be parsed
     */
    public DotenvResult parse(CharSequence text, String source) throws DotenvParseException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        String input = text.toString();
        Scanner.Scanned scanned = Scanner.scan(input, source, dialect);
        List<DotenvProblem> problems = new ArrayList<>(scanned.problems());
        List<DotenvEntry> entries = new ArrayList<>(scanned.bindings().size());
        Map<String, DotenvEntry> last = new LinkedHashMap<>(scanned.bindings().size() * 4 / 3 + 1);
        Expander expander = new Expander(dialect, environment, input.length(), key -> {
            DotenvEntry entry = last.get(key);
            return entry == null ? null : entry.raw();
        });
        for (Binding binding : scanned.bindings()) {
            String value = expander.valueOf(binding, expand);
            if (value == null) {
                problems.add(new DotenvProblem(source, binding.line(), binding.column(), DotenvProblem.Severity.ERROR,
                        "expanding the value of " + binding.key() + " exceeds the limit of " + expander.budget()
                                + " characters for all values of this input"));
                continue;
            }
            if (expander.nestingExceeded()) {
                problems.add(new DotenvProblem(source, binding.line(), binding.column(), DotenvProblem.Severity.WARNING,
                        "a reference in the value of " + binding.key() + " nests defaults more than "
                                + Expander.MAX_NESTING + " levels deep; it was kept as written"));
            }
            DotenvEntry entry = new DotenvEntry(binding.key(), value, binding.line(), binding.column());
            DotenvEntry previous = last.put(binding.key(), entry);
            if (previous != null) {
                problems.add(new DotenvProblem(source, binding.line(), binding.column(), DotenvProblem.Severity.WARNING,
                        binding.key() + " is already defined at line " + previous.line() + "; the last definition wins"));
            }
            entries.add(entry);
        }
        if (problems.size() > scanned.problems().size()) {
            problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                    : Integer.compare(a.column(), b.column()));
        }
        if (strict) {
            throwFirstError(problems);
        }
        return new DotenvResult(source, entries, problems, last);
    }

    /**
     * Parses UTF-8 bytes. Malformed UTF-8 is an error (strict) or replaced by U+FFFD and reported (lenient).
     *
     * @param utf8 the {@code .env} content
     * @param source a name for messages, e.g. the file path
     * @return the result
     * @throws DotenvParseException in strict mode, for malformed UTF-8 or the first statement that cannot be parsed
     */
    public DotenvResult parse(byte[] utf8, String source) throws DotenvParseException {
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(source, "source");
        if (isAscii(utf8)) {
            // The common case: no decoder needed, and Latin-1 decoding of ASCII makes a compact string directly.
            return parse(new String(utf8, StandardCharsets.ISO_8859_1), source);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return parse(decoder.decode(ByteBuffer.wrap(utf8)), source);
        } catch (CharacterCodingException e) {
            DotenvProblem problem = Utf8Errors.locate(utf8, source);
            if (strict) {
                throw problem.toException();
            }
            CharBuffer replaced = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
            DotenvResult result = parse(replaced, source);
            List<DotenvProblem> problems = new ArrayList<>(result.problems());
            problems.add(0, problem);
            return new DotenvResult(source, result.entries(), problems);
        }
    }

    /**
     * Reads and parses a UTF-8 file; the path is the source name in messages.
     *
     * @param file the file
     * @return the result
     * @throws DotenvParseException in strict mode, for the first problem
     * @throws IOException if the file cannot be read, is not a regular file or is larger than 64 MiB
     */
    public DotenvResult parse(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        // a named pipe or device is refused before it is opened; more than the limit is never read
        return parse(BoundedFiles.read(file, FileLimits.MAX_DOTENV_BYTES), file.toString());
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static void throwFirstError(List<DotenvProblem> problems) throws DotenvParseException {
        long errors = problems.stream().filter(p -> p.severity() == DotenvProblem.Severity.ERROR).count();
        for (DotenvProblem problem : problems) {
            if (problem.severity() == DotenvProblem.Severity.ERROR) {
                String more = errors > 1 ? " (and " + (errors - 1) + " more problems)" : "";
                throw new DotenvParseException(problem.source(), problem.line(), problem.column(),
                        problem.description() + more);
            }
        }
    }

    @Override
    public String toString() {
        return "DotenvParser[" + dialect + (strict ? ", strict" : ", lenient") + (expand ? "" : ", no expansion") + "]";
    }

    /**
     * Builds a {@link DotenvParser}. Not thread-safe; the parser it builds is.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Dialect dialect = Dialect.STANDARD;
        private boolean strict = true;
        private boolean expand = true;
        private Map<String, String> environment = Map.of();

        private Builder() {
        }

        /**
         * Selects the dialect (default {@link Dialect#STANDARD}).
         *
         * @param dialect the dialect
         * @return this builder
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * Strict (default) throws on the first error; lenient collects problems and keeps the valid entries.
         *
         * @param strict whether to throw
         * @return this builder
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Whether to expand {@code ${VAR}} references (default true).
         *
         * @param expand whether to expand
         * @return this builder
         */
        public Builder expand(boolean expand) {
            this.expand = expand;
            return this;
        }

        /**
         * The variables that references fall back on when no earlier key defines them (default none); pass
         * the process environment or a {@code ResolveContext}'s. Copied when the parser is built.
         *
         * @param environment the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Builds the parser.
         *
         * @return the parser
         */
        public DotenvParser build() {
            return new DotenvParser(this);
        }
    }
}
