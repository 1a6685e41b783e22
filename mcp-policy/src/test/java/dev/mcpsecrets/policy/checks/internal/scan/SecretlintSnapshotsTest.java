package dev.mcpsecrets.policy.checks.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpsecrets.policy.checks.internal.ReviewedTsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The built-in scanner on test data nobody here wrote: secretlint's own rule snapshots ({@code
 * peers/secretlint-snapshots.jsonl}: each snapshot's input text and the ranges of the secrets secretlint expects in
 * it; imported by {@code src/test/scripts/import_secretlint_snapshots.py}, source commit and license in its first
 * line). Every disagreement, a secret of theirs we do not find ({@code missed}) or a finding of ours in none of
 * their ranges ({@code extra}), must be a reviewed line of {@code peers/secretlint-disagreements.tsv} with its
 * verdict and reason; the test prints the recall on their expected secrets.
 *
 * <p>Verdicts: {@code gap} (a real secret we should find and do not yet), {@code by-design} (we leave it alone on
 * purpose, reason given), {@code theirs} (their expectation does not hold for a config scanner, or our finding is a
 * real secret their rule was not about), {@code ours-fp} (our false alarm). {@code -Dpeers.update=true} rewrites the
 * file in the source tree, keeping the verdicts of lines still found and marking new ones {@code unreviewed}.
 */
class SecretlintSnapshotsTest {
    private static final String UPDATE = "peers.update";
    private static final String DATA = "/peers/secretlint-snapshots.jsonl";
    private static final String VERDICTS = "secretlint-disagreements.tsv";
    private static final List<String> REVIEWED = List.of("gap", "by-design", "theirs", "ours-fp");

    @Test
    void disagreementsWithSecretlintsOwnSnapshotsAreAllReviewed() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream(DATA)) {
            assertThat(in).as(DATA).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        JsonNode header = json.readTree(lines.get(0));
        assertThat(lines).as("snapshots").hasSize(header.get("snapshots").asInt() + 1).hasSizeGreaterThan(80);

        SecretScanner scanner = SecretScanner.builtIn();
        Map<String, String> actual = new TreeMap<>();
        int expectedSecrets = 0;
        int found = 0;
        int okSnapshots = 0;
        int okClean = 0;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode snapshot = json.readTree(line);
            String name = snapshot.get("rule").asText() + "/" + snapshot.get("case").asText();
            String input = snapshot.get("input").asText();
            List<SecretMatch> ours = scanner.scan(input);
            List<int[]> theirs = new ArrayList<>();
            for (JsonNode range : snapshot.get("expected")) {
                int start = range.get(0).asInt();
                int end = range.get(1).asInt();
                theirs.add(new int[] {start, end});
                expectedSecrets++;
                if (ours.stream().anyMatch(m -> overlaps(m.start(), m.end(), start, end))) {
                    found++;
                } else {
                    actual.put("missed\t" + name + "\t" + start + "-" + end, range.get(2).asText());
                }
            }
            for (SecretMatch m : ours) {
                if (theirs.stream().noneMatch(r -> overlaps(m.start(), m.end(), r[0], r[1]))) {
                    actual.put("extra\t" + name + "\t" + m.start() + "-" + m.end(), m.rule().id());
                }
            }
            if (theirs.isEmpty()) {
                okSnapshots++;
                okClean += ours.isEmpty() ? 1 : 0;
            }
        }

        Map<String, String[]> reviewed = ReviewedTsv.read(sourceOrResource());
        if (Boolean.getBoolean(UPDATE)) {
            write(actual, reviewed);
            reviewed = ReviewedTsv.read(Path.of("src/test/resources/peers").resolve(VERDICTS));
        }
        long gaps = reviewed.values().stream().filter(v -> v[1].equals("gap")).count();
        long byDesign = reviewed.entrySet().stream()
                .filter(e -> e.getKey().startsWith("missed") && !e.getValue()[1].equals("gap")).count();
        System.out.printf("secretlint snapshots (%s @ %.12s): %d snapshots, %d expected secrets, %d found "
                        + "(recall %.1f%%), %d missed (%d gaps, %d by design or out of scope); %d of %d clean "
                        + "snapshots without a finding; %d findings of ours outside their ranges%n",
                header.get("source").asText(), header.get("commit").asText(), lines.size() - 1, expectedSecrets,
                found, 100.0 * found / expectedSecrets, expectedSecrets - found, gaps, byDesign, okClean,
                okSnapshots, actual.keySet().stream().filter(k -> k.startsWith("extra")).count());

        assertThat(actual.keySet()).as("disagreements with secretlint's snapshots vs peers/" + VERDICTS
                + " (regenerate with -D" + UPDATE + "=true, then review)").containsExactlyInAnyOrderElementsOf(
                reviewed.keySet());
        reviewed.forEach((key, v) -> {
            assertThat(v[1]).as("verdict of " + key).isIn(REVIEWED);
            assertThat(v[2]).as("reason of " + key).isNotBlank();
        });
    }

    private static boolean overlaps(int aStart, int aEnd, int bStart, int bEnd) {
        return aStart < bEnd && bStart < aEnd;
    }

    private Path sourceOrResource() {
        try {
            return Path.of(getClass().getResource("/peers/" + VERDICTS).toURI());
        } catch (Exception missing) {
            return Path.of("src/test/resources/peers").resolve(VERDICTS);
        }
    }

    private static void write(Map<String, String> actual, Map<String, String[]> previous) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# Where the built-in scanner and secretlint's own rule snapshots disagree, reviewed one by one.");
        out.add("# missed: a secret secretlint expects that we do not find; extra: a finding of ours outside its ranges.");
        out.add("# verdict: gap | by-design | theirs | ours-fp (SecretlintSnapshotsTest says what each means).");
        out.add("# kind\tsnapshot\trange\tid\tverdict\treason");
        actual.forEach((key, id) -> {
            String[] old = previous.get(key);
            out.add(key + "\t" + id + "\t" + (old == null ? "unreviewed\t" : old[1] + "\t" + old[2]));
        });
        Files.write(Path.of("src/test/resources/peers").resolve(VERDICTS), out, StandardCharsets.UTF_8);
    }
}
