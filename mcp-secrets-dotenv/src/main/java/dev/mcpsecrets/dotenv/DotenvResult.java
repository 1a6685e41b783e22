package dev.mcpsecrets.dotenv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of parsing one {@code .env} input: its definitions in file order (duplicates included) and
 * the problems found. Immutable; {@link #toString()} never shows a value.
 *
 * @since 0.1
 */
public final class DotenvResult {
    private final String source;
    private final List<DotenvEntry> entries;
    private final Map<String, DotenvEntry> effective;
    private final List<DotenvProblem> problems;

    /**
     * Creates a result.
     *
     * @param source the source name, e.g. a file path
     * @param entries every definition in file order
     * @param problems the problems found, in file order
     */
    public DotenvResult(String source, List<DotenvEntry> entries, List<DotenvProblem> problems) {
        this(Objects.requireNonNull(source, "source"), List.copyOf(entries), List.copyOf(problems), lastOf(entries));
    }

    /** For the parser, which has built the map of last definitions already. */
    DotenvResult(String source, List<DotenvEntry> entries, List<DotenvProblem> problems,
                 Map<String, DotenvEntry> last) {
        this.source = source;
        this.entries = Collections.unmodifiableList(entries);
        this.problems = Collections.unmodifiableList(problems);
        this.effective = Collections.unmodifiableMap(last);
    }

    private static Map<String, DotenvEntry> lastOf(List<DotenvEntry> entries) {
        Map<String, DotenvEntry> last = new LinkedHashMap<>();
        for (DotenvEntry entry : entries) {
            last.put(entry.key(), entry);
        }
        return last;
    }

    /**
     * The source name given to the parser.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * Every definition in file order, including keys defined more than once.
     *
     * @return an unmodifiable list
     */
    public List<DotenvEntry> entries() {
        return entries;
    }

    /**
     * The distinct keys in the order of their first definition.
     *
     * @return an unmodifiable set
     */
    public Set<String> keys() {
        return effective.keySet();
    }

    /**
     * The definition that counts for a key: the last one, as in the shell and both reference parsers.
     *
     * @param key the key
     * @return the entry, or empty when the key is not defined
     */
    public Optional<DotenvEntry> find(String key) {
        return Optional.ofNullable(effective.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * The problems found, errors and warnings, in file order.
     *
     * @return an unmodifiable list
     */
    public List<DotenvProblem> problems() {
        return problems;
    }

    /**
     * Whether any statement was left out because it could not be parsed.
     *
     * @return {@code true} when there is at least one {@link DotenvProblem.Severity#ERROR}
     */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == DotenvProblem.Severity.ERROR);
    }

    @Override
    public String toString() {
        return "DotenvResult[" + source + ", " + entries.size() + " entries, " + problems.size() + " problems]";
    }
}
