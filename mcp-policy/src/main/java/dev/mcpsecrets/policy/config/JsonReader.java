package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.policy.Location;
import dev.mcpsecrets.policy.internal.PositionalJsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

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
        try {
            if (!Files.isRegularFile(file)) {
                return failed(file, dialect, ParseProblem.Kind.UNREADABLE, "is not a regular file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                return failed(file, dialect, ParseProblem.Kind.TOO_LARGE,
                        "is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; not read");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return failed(file, dialect, ParseProblem.Kind.UNREADABLE, "is not valid UTF-8");
            }
            return parse(text, file, dialect);
        } catch (IOException | SecurityException e) {
            return failed(file, dialect, ParseProblem.Kind.UNREADABLE,
                    "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonDocument failed(Path file, JsonDialect dialect, ParseProblem.Kind kind, String message) {
        return new JsonDocument(file, dialect, Optional.empty(),
                List.of(new ParseProblem(kind, Location.of(file), message)));
    }
}
