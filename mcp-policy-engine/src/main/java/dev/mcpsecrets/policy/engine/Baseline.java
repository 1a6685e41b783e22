package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;

import dev.mcpsecrets.policy.config.JsonDialect;
import dev.mcpsecrets.policy.config.JsonDocument;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.ParseProblem;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The fingerprints of a previous JSON report: in baseline mode the engine reports only findings
 * whose fingerprint is not among them (new problems), and counts the others.
 *
 * @since 0.1
 */
public final class Baseline {
    private static final Baseline EMPTY = new Baseline(Set.of());

    private final Set<String> fingerprints;

    private Baseline(Set<String> fingerprints) {
        this.fingerprints = Set.copyOf(fingerprints);
    }

    /**
     * No baseline: every finding is new.
     *
     * @return the empty baseline
     */
    public static Baseline none() {
        return EMPTY;
    }

    /**
     * A baseline of these fingerprints.
     *
     * @param fingerprints finding fingerprints
     * @return the baseline
     */
    public static Baseline of(Set<String> fingerprints) {
        return new Baseline(fingerprints);
    }

    /**
     * Reads the findings (active and suppressed) of a JSON report written by
     * {@link ReportWriter} in {@link ReportFormat#JSON}.
     *
     * @param report the report file
     * @return the baseline
     * @throws IllegalArgumentException naming the file, line and column when it is not such a report
     */
    public static Baseline load(Path report) {
        Objects.requireNonNull(report, "report");
        JsonDocument doc = JsonReader.read(report, JsonDialect.STRICT);
        for (ParseProblem p : doc.problems()) {
            if (p.isFatalForClient()) {
                throw new IllegalArgumentException("baseline " + p.location().display() + ": " + p.message());
            }
        }
        JsonValue.ObjectValue root = doc.root().flatMap(JsonValue::asObject)
                .orElseThrow(() -> new IllegalArgumentException("baseline " + report + ": not a JSON object"));
        if (root.get("schemaVersion").isEmpty() || root.get("findings").flatMap(JsonValue::asArray).isEmpty()) {
            throw new IllegalArgumentException("baseline " + report
                    + ": not an mcp-secrets JSON report (no \"schemaVersion\" or \"findings\"); write one with --format json");
        }
        Set<String> fingerprints = new HashSet<>();
        collect(root, "findings", fingerprints);
        collect(root, "suppressed", fingerprints);
        return new Baseline(fingerprints);
    }

    private static void collect(JsonValue.ObjectValue root, String member, Set<String> out) {
        root.get(member).flatMap(JsonValue::asArray).ifPresent(a -> a.elements().forEach(e -> e.asObject()
                .flatMap(o -> o.getString("fingerprint")).ifPresent(s -> out.add(s.value()))));
    }

    /**
     * Whether a finding was already known.
     *
     * @param finding the finding
     * @return {@code true} if its fingerprint is in the baseline
     */
    public boolean contains(Finding finding) {
        return fingerprints.contains(finding.fingerprint());
    }

    /**
     * The number of fingerprints.
     *
     * @return the size
     */
    public int size() {
        return fingerprints.size();
    }
}
