package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;

import dev.mcpsecrets.policy.config.JsonDialect;
import dev.mcpsecrets.policy.config.JsonDocument;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.ParseProblem;
import dev.mcpsecrets.policy.engine.EngineFindings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of {@link Suppression}s, usually read from a JSON (with comments) file:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "suppressions": [
 *     {"rule": "MCP-FS-001", "location": "~/.cursor/mcp.json#/mcpServers/notes/**",
 *      "reason": "notes server only ever sees the notes folder (container mount)", "expires": "2027-03-31"}
 *   ]
 * }
 * }</pre>
 *
 * Entries without a reason, with a bad date or a bad pattern are not applied (the findings they
 * would hide stay visible) and become findings of rule {@code MCP-ENG-003}; so does a file that
 * cannot be read. Fail closed: a broken suppressions file never hides anything.
 *
 * @since 0.1
 */
public final class Suppressions {
    private static final Suppressions NONE = new Suppressions(List.of(), List.of());

    private final List<Suppression> entries;
    private final List<Finding> problems;

    private Suppressions(List<Suppression> entries, List<Finding> problems) {
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    /**
     * No suppressions.
     *
     * @return the empty set
     */
    public static Suppressions none() {
        return NONE;
    }

    /**
     * These suppressions.
     *
     * @param entries the suppressions
     * @return the set
     */
    public static Suppressions of(List<Suppression> entries) {
        return new Suppressions(entries, List.of());
    }

    /**
     * Reads a suppressions file.
     *
     * @param file the file
     * @return the valid entries, and a finding for each invalid one
     */
    public static Suppressions load(Path file) {
        Objects.requireNonNull(file, "file");
        JsonDocument doc = JsonReader.read(file, JsonDialect.JSONC);
        List<Finding> problems = new ArrayList<>();
        for (ParseProblem p : doc.problems()) {
            problems.add(EngineFindings.badSuppression(p.location(), "the suppressions file is not valid: " + p.message()));
        }
        List<Suppression> entries = new ArrayList<>();
        Optional<JsonValue.ObjectValue> root = doc.root().flatMap(JsonValue::asObject);
        if (doc.root().isPresent() && root.isEmpty()) {
            problems.add(EngineFindings.badSuppression(doc.root().get().location(), "the file must hold a JSON object"));
        }
        root.ifPresent(r -> {
            Optional<JsonValue> version = r.get("version");
            if (version.isEmpty() || !(version.get() instanceof JsonValue.NumberValue n) || !n.text().equals("1")) {
                problems.add(EngineFindings.badSuppression(version.map(JsonValue::location).orElse(r.location()),
                        "\"version\": 1 is required"));
            }
            Optional<JsonValue.ArrayValue> list = r.get("suppressions").flatMap(JsonValue::asArray);
            if (list.isEmpty()) {
                problems.add(EngineFindings.badSuppression(r.location(), "\"suppressions\" must be an array"));
            }
            list.ifPresent(a -> a.elements().forEach(e -> entry(e, entries, problems)));
        });
        return new Suppressions(entries, problems);
    }

    private static void entry(JsonValue value, List<Suppression> entries, List<Finding> problems) {
        Optional<JsonValue.ObjectValue> o = value.asObject();
        if (o.isEmpty()) {
            problems.add(EngineFindings.badSuppression(value.location(), "a suppression must be an object"));
            return;
        }
        String rule = text(o.get(), "rule");
        String location = text(o.get(), "location");
        String reason = text(o.get(), "reason");
        String expires = text(o.get(), "expires");
        if (rule.isBlank() || location.isBlank() || reason.isBlank()) {
            problems.add(EngineFindings.badSuppression(value.location(),
                    "a suppression needs \"rule\", \"location\" and a non-empty \"reason\"; this one is not applied"));
            return;
        }
        LocalDate date = null;
        if (!expires.isBlank()) {
            try {
                date = LocalDate.parse(expires);
            } catch (DateTimeParseException e) {
                problems.add(EngineFindings.badSuppression(value.location(),
                        "\"expires\" must be a date such as 2027-01-31; this suppression is not applied"));
                return;
            }
        }
        entries.add(new Suppression(rule, location, reason, date, value.location()));
    }

    private static String text(JsonValue.ObjectValue o, String name) {
        return o.getString(name).map(JsonValue.StringValue::value).orElse("");
    }

    /**
     * The valid suppressions.
     *
     * @return the entries, in file order
     */
    public List<Suppression> entries() {
        return entries;
    }

    /**
     * Findings about entries that could not be used (rule {@code MCP-ENG-003}).
     *
     * @return the findings
     */
    public List<Finding> problems() {
        return problems;
    }
}
