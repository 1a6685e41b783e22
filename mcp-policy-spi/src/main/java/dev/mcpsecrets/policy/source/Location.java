package dev.mcpsecrets.policy.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a finding is: a file, a 1-based line and column (UTF-16 code units, as SARIF counts by
 * default), and for JSON files the RFC 6901 pointer of the value. Every part is optional: a finding
 * about the environment has no file, a finding about a whole file has no line.
 *
 * @param file the file, or {@code null}
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param jsonPointer RFC 6901 pointer such as {@code /mcpServers/github/env/GITHUB_TOKEN} ({@code ""}
 *     is the whole document), or {@code null} when the location is not in a JSON document
 * @since 0.1
 */
public record Location(Path file, int line, int column, String jsonPointer) {
    /** No location: the finding is about the environment or the run as a whole. */
    public static final Location NONE = new Location(null, 0, 0, null);

    /**
     * Validates the parts.
     *
     * @param file the file, or {@code null}
     * @param line 1-based, or 0
     * @param column 1-based, or 0; must be 0 when the line is
     * @param jsonPointer the pointer, or {@code null}
     */
    public Location {
        if (line < 0 || column < 0 || (line == 0 && column != 0)) {
            throw new IllegalArgumentException("invalid line/column " + line + ":" + column);
        }
        if (jsonPointer != null && !jsonPointer.isEmpty() && !jsonPointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer is empty or starts with '/': " + jsonPointer);
        }
    }

    /**
     * A whole file.
     *
     * @param file the file
     * @return the location
     */
    public static Location of(Path file) {
        return new Location(Objects.requireNonNull(file, "file"), 0, 0, null);
    }

    /**
     * A line and column in a text file.
     *
     * @param file the file
     * @param line 1-based line
     * @param column 1-based column, or 0
     * @return the location
     */
    public static Location of(Path file, int line, int column) {
        return new Location(Objects.requireNonNull(file, "file"), line, column, null);
    }

    /**
     * The file, if any.
     *
     * @return the file
     */
    public Optional<Path> optionalFile() {
        return Optional.ofNullable(file);
    }

    /**
     * The JSON pointer, if any.
     *
     * @return the pointer
     */
    public Optional<String> optionalPointer() {
        return Optional.ofNullable(jsonPointer);
    }

    /**
     * This location with another pointer, e.g. for a child value.
     *
     * @param pointer the pointer, or {@code null}
     * @return a new location
     */
    public Location withPointer(String pointer) {
        return new Location(file, line, column, pointer);
    }

    /**
     * {@code file:line:col} as compilers print it; the parts that are unknown are left out.
     *
     * @return e.g. {@code /home/me/.cursor/mcp.json:12:7}, or {@code (no file)}
     */
    public String display() {
        StringBuilder sb = new StringBuilder(file == null ? "(no file)" : file.toString());
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }
}
