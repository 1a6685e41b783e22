package dev.mcpsecrets.policy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of reading one JSON file: its root value (absent when the file could not be parsed)
 * and every problem found, each with its position. Reading never throws on bad content.
 *
 * @param file the file (a placeholder path for text that came from elsewhere)
 * @param dialect the dialect it was read as
 * @param root the root value, empty when the file is unreadable or has a syntax error
 * @param problems the problems in document order
 * @since 0.1
 */
public record JsonDocument(Path file, JsonDialect dialect, Optional<JsonValue> root, List<ParseProblem> problems) {
    /**
     * Copies the problems.
     *
     * @param file the file
     * @param dialect the dialect
     * @param root the root
     * @param problems the problems
     */
    public JsonDocument {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(root, "root");
        problems = List.copyOf(problems);
    }

    /**
     * Whether the client would accept the file as it is.
     *
     * @return {@code true} if there is a root and no problem the client would reject
     */
    public boolean acceptedByClient() {
        return root.isPresent() && problems.stream().noneMatch(ParseProblem::isFatalForClient);
    }
}
