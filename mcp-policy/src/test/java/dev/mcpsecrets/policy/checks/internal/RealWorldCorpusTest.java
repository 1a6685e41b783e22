package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.source.FileSystemView;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audits the real-world corpus ({@code realworld/}: public MCP client configs whose credentials were replaced by
 * synthetic values of the same shape, sources in {@code SOURCES.tsv}) with every offline check. No check may throw,
 * and the HIGH/CRITICAL findings must be exactly the reviewed lines of {@code expected-findings.tsv}, each marked
 * {@code tp} (a real risk) or {@code fp} (a known false alarm, with the reason).
 *
 * <p>After a rule change, {@code -Drealworld.update=true} rewrites the expectations in the source tree, keeping the
 * marks of lines still found and marking new lines {@code unreviewed}; the test fails until every line is reviewed.
 */
class RealWorldCorpusTest {
    private static final String UPDATE = "realworld.update";
    private static final String HEADER = "# file\truleId\tjsonPointer\tseverity\tverdict\treason";

    @TempDir
    Path root;

    /** A corpus directory's client, and where that client keeps the file (the checks read client and scope). */
    private record Placement(McpClient client, String relativePath, ConfigScope scope) {
    }

    private static final Map<String, Placement> PLACEMENTS = Map.of(
            "claude-desktop", new Placement(McpClient.CLAUDE_DESKTOP, "home/.config/Claude/claude_desktop_config.json",
                    ConfigScope.USER),
            "claude-code", new Placement(McpClient.CLAUDE_CODE, "home/app/.mcp.json", ConfigScope.PROJECT),
            "cursor", new Placement(McpClient.CURSOR, "home/app/.cursor/mcp.json", ConfigScope.PROJECT),
            "vscode", new Placement(McpClient.VSCODE, "home/app/.vscode/mcp.json", ConfigScope.PROJECT),
            "windsurf", new Placement(McpClient.WINDSURF, "home/.codeium/windsurf/mcp_config.json", ConfigScope.USER),
            "gemini", new Placement(McpClient.GEMINI_CLI, "home/app/.gemini/settings.json", ConfigScope.PROJECT));

    @Test
    void corpusAuditsWithoutCrashAndMatchesTheReviewedExpectations() throws Exception {
        Path corpus = corpusDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("configs in the corpus").hasSizeGreaterThanOrEqualTo(100);

        Map<String, Integer> perClient = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        for (Path file : files) {
            String name = corpus.relativize(file).toString().replace('\\', '/');
            String clientDir = name.substring(0, name.indexOf('/'));
            Placement placement = PLACEMENTS.get(clientDir);
            assertThat(placement).as("client directory of " + name).isNotNull();
            perClient.merge(clientDir, 1, Integer::sum);
            for (Finding f : audit(file, name, placement)) {
                assertThat(f.ruleId()).as(name + ": engine error").doesNotStartWith("MCP-ENG-");
                if (f.severity().compareTo(Severity.HIGH) >= 0) {
                    String key = name + "\t" + f.ruleId() + "\t" + f.location().optionalPointer().orElse("-");
                    actual.merge(key, f.severity().name(), (a, b) -> Severity.valueOf(a).compareTo(Severity.valueOf(b))
                            >= 0 ? a : b);
                }
            }
        }
        System.out.println("real-world corpus: " + files.size() + " configs " + perClient);

        Map<String, String[]> expected = ReviewedTsv.read(corpus.resolve("expected-findings.tsv"));
        if (Boolean.getBoolean(UPDATE)) {
            writeExpectations(actual, expected);
            expected = ReviewedTsv.read(sourceCorpus().resolve("expected-findings.tsv"));
        }
        printPrecision(expected);

        assertThat(actual.keySet()).as("HIGH/CRITICAL findings vs realworld/expected-findings.tsv (regenerate with "
                + "-D" + UPDATE + "=true, then review)").containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> unreviewed = expected.entrySet().stream()
                .filter(e -> !e.getValue()[1].equals("tp") && !e.getValue()[1].equals("fp"))
                .map(Map.Entry::getKey).toList();
        assertThat(unreviewed).as("lines not marked tp or fp in expected-findings.tsv").isEmpty();
        expected.forEach((k, v) -> assertThat(v[2]).as("reason of " + k).isNotBlank());
    }

    private List<Finding> audit(Path source, String name, Placement placement) throws IOException {
        Path dir = root.resolve(name.replace('/', '_').replace(".json", ""));
        FileSystemView view = Harness.view(dir);
        Path file = dir.resolve(placement.relativePath());
        Files.createDirectories(file.getParent());
        Files.copy(source, file);
        // owner-only, as a careful user keeps it: findings must not depend on the umask of the machine running this
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        McpConfigFile config = McpConfigReader.fromDocument(
                JsonReader.parse(text, file, placement.client().dialect()), placement.client(), placement.scope());
        PolicyContext context = Harness.context(view, Map.of(), config).build();
        List<Finding> findings = new ArrayList<>();
        for (var check : Harness.offlineChecks()) {
            try {
                findings.addAll(Harness.run(check, context));
            } catch (RuntimeException e) {
                throw new AssertionError(check.id() + " failed on " + name + ": " + e, e);
            }
        }
        return findings;
    }

    private static void writeExpectations(Map<String, String> actual, Map<String, String[]> previous)
            throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# HIGH/CRITICAL findings of the offline checks on the real-world corpus, reviewed one by one.");
        out.add("# verdict: tp = a real risk in that config; fp = a false alarm (reason says why); unreviewed = new.");
        out.add(HEADER);
        actual.forEach((key, severity) -> {
            String[] old = previous.get(key);
            out.add(key + "\t" + severity + "\t" + (old == null ? "unreviewed\t" : old[1] + "\t" + old[2]));
        });
        Files.write(sourceCorpus().resolve("expected-findings.tsv"), out, StandardCharsets.UTF_8);
    }

    private static void printPrecision(Map<String, String[]> expected) {
        long tp = expected.values().stream().filter(v -> v[1].equals("tp")).count();
        long fp = expected.values().stream().filter(v -> v[1].equals("fp")).count();
        Map<String, Map<String, Long>> perRule = expected.entrySet().stream().collect(Collectors.groupingBy(
                e -> e.getKey().split("\t")[1], TreeMap::new,
                Collectors.groupingBy(e -> e.getValue()[1], TreeMap::new, Collectors.counting())));
        System.out.printf("real-world corpus: %d HIGH/CRITICAL findings, %d tp, %d fp, precision %.1f%%%n",
                expected.size(), tp, fp, expected.isEmpty() ? 100.0 : 100.0 * tp / expected.size());
        perRule.forEach((rule, verdicts) -> System.out.println("  " + rule + " " + verdicts));
    }

    private static Path corpusDirectory() throws URISyntaxException {
        return Path.of(RealWorldCorpusTest.class.getResource("/realworld/claude-code").toURI()).getParent();
    }

    /** The corpus in the source tree (the update mode writes there, not into target/). */
    private static Path sourceCorpus() {
        return Path.of("src/test/resources/realworld");
    }
}
