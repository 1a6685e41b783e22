package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.config.PositionalJsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads JSON and JSONC with the line, column and JSON pointer of every value. Bad content never
 * throws: it becomes a {@link ParseProblem} in the returned {@link JsonDocument}.
 *
 * @since 0.1
 */
public final class JsonReader {
    /** Files larger than this are not read; no MCP config comes near it. */
    public static final long MAX_FILE_BYTES = FileLimits.MAX_CONFIG_BYTES;
    /** Arrays and objects nested deeper than this end the parse with a syntax problem. */
    public static final int MAX_DEPTH = FileLimits.MAX_JSON_DEPTH;

    private JsonReader() {
    }

    /**
     * Parses text.
     *
     * @param text the JSON text
     * @param file the file it came from (used in locations)
     * @param dialect the dialect the consumer of the file accepts
     * @return the document
     */
    public static JsonDocument parse(CharSequence text, Path file, JsonDialect dialect) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dialect, "dialect");
        List<ParseProblem> problems = new ArrayList<>();
        Optional<JsonValue> root = PositionalJsonParser.parse(text.toString(), file, dialect, problems);
        return new JsonDocument(file, dialect, root, problems);
    }

    /**
     * Reads and parses a UTF-8 file.
     *
     * @param file the file
     * @param dialect the dialect the consumer of the file accepts
     * @return the document; an unreadable, oversized or non-UTF-8 file yields a document without
     *     root and with one problem saying why
     */
    public static JsonDocument read(Path file, JsonDialect dialect) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dialect, "dialect");
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(file, MAX_FILE_BYTES);
        } catch (FileLimitException e) {
            return failed(file, dialect, e.problem() == FileLimitException.Problem.TOO_LARGE
                    ? ParseProblem.Kind.TOO_LARGE : ParseProblem.Kind.UNREADABLE, reason(e));
        } catch (NoSuchFileException e) {
            return failed(file, dialect, ParseProblem.Kind.UNREADABLE, "does not exist");
        } catch (AccessDeniedException e) {
            return failed(file, dialect, ParseProblem.Kind.UNREADABLE, "cannot be read (permission denied)");
        } catch (IOException | SecurityException e) {
            return failed(file, dialect, ParseProblem.Kind.UNREADABLE,
                    "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(bytes, file, dialect);
    }

    /**
     * Parses the bytes of a UTF-8 file that was already read (for example to hash exactly what is parsed).
     *
     * @param content the file's bytes
     * @param file the file they came from (used in locations)
     * @param dialect the dialect the consumer of the file accepts
     * @return the document; content that is not UTF-8 yields a document without root and with one
     *     problem saying so
     * @since 0.2
     */
    public static JsonDocument parse(byte[] content, Path file, JsonDialect dialect) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dialect, "dialect");
        if (content.length > MAX_FILE_BYTES) {
            return failed(file, dialect, ParseProblem.Kind.TOO_LARGE,
                    "is larger than " + FileLimits.describe(MAX_FILE_BYTES));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return failed(file, dialect, ParseProblem.Kind.UNREADABLE, "is not valid UTF-8");
        }
        return parse(text, file, dialect);
    }

    /** The limit's message without the file name, which the problem's location already gives. */
    private static String reason(FileLimitException e) {
        String message = e.getMessage();
        String prefix = e.file() + " ";
        message = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return message.endsWith("; not read") ? message.substring(0, message.length() - "; not read".length()) : message;
    }

    private static JsonDocument failed(Path file, JsonDialect dialect, ParseProblem.Kind kind, String message) {
        return new JsonDocument(file, dialect, Optional.empty(),
                List.of(new ParseProblem(kind, Location.of(file), message)));
    }
}
