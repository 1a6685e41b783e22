package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.source.Location;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpsecrets.policy.checks.internal.ConfigSyntaxCheck;
import java.net.URI;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path tmp;
    private PolicyReport report;
    private PolicyContext context;

    @BeforeEach
    void run() throws Exception {
        context = Fixtures.brokenConfigs(tmp, "ghp_" + "A1b2C3d4".repeat(4) + "zzzz");
        PolicyCheck boom = TestChecks.of("TEST-BOOM-001", ctx -> {
            throw new IllegalStateException();
        });
        report = PolicyEngine.builder().discoverChecks(false).addCheck(new ConfigSyntaxCheck()).addCheck(boom).build()
                .run(context);
    }

    @Test
    void textGroupsByFileAndServerWithPositionsAndFixes() {
        String text = ReportWriter.render(report, ReportFormat.TEXT, ReportOptions.DEFAULTS.withHome(context.files().home()));
        assertThat(text).startsWith("mcp-secrets policy: 3 findings (2 high, 1 medium)");
        assertThat(text).contains("~/.config/Claude/claude_desktop_config.json\n")
                .contains("MEDIUM   MCP-CFG-002  ~/.config/Claude/claude_desktop_config.json:2:3  Config is not strict JSON")
                .contains("HIGH     MCP-CFG-001  ~/.claude.json:1:44  Config cannot be read")
                .contains("fix: Remove the comments")
                .contains("(not in a file)")
                .contains("Checks that did not complete")
                .doesNotContain("\u001b[").doesNotContain("docs:");
        assertThat(text).doesNotContain(".vscode");
    }

    @Test
    void textGroupsFindingsUnderTheirServer() {
        Finding inServer = Finding.builder("TEST-G-001", Severity.LOW).title("t").message("m")
                .location(new Location(Path.of("/c.json"), 3, 4, "/mcpServers/github/env/X")).build();
        PolicyReport r = PolicyEngine.builder().discoverChecks(false)
                .addCheck(TestChecks.of("TEST-G-001", ctx -> Stream.of(inServer))).build().run(context);
        String text = ReportWriter.render(r, ReportFormat.TEXT, ReportOptions.DEFAULTS);
        assertThat(text).contains("/c.json\n  server github\n    LOW      TEST-G-001  /c.json:3:4  t\n");
    }

    @Test
    void colourAndDocsLinksOnlyWhenAsked() {
        ReportOptions options = ReportOptions.DEFAULTS.withColour(true)
                .withDocsBaseUrl(URI.create("https://example.org/rules"));
        String text = ReportWriter.render(report, ReportFormat.TEXT, options);
        assertThat(text).contains("\u001b[31mHIGH").contains("docs: https://example.org/rules/MCP-CFG-001.md");
    }

    @Test
    void jsonReportFollowsTheDocumentedSchema() throws Exception {
        String json = ReportWriter.render(report, ReportFormat.JSON,
                ReportOptions.DEFAULTS.withDocsBaseUrl(URI.create("https://example.org/rules/")));
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("tool").get("name").asText()).isEqualTo("mcp-secrets");
        assertThat(root.get("tool").get("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(root.get("summary").get("findings").asInt()).isEqualTo(3);
        assertThat(root.get("summary").get("bySeverity").get("high").asInt()).isEqualTo(2);
        assertThat(root.get("summary").get("highestSeverity").asText()).isEqualTo("high");
        assertThat(root.get("summary").get("allChecksCompleted").asBoolean()).isFalse();
        assertThat(root.get("configs")).hasSize(3);
        assertThat(root.get("configs").get(0).get("client").asText()).isEqualTo("claude-desktop");
        JsonNode checks = root.get("checks");
        assertThat(checks.findValuesAsText("status")).contains("ok", "failed");
        JsonNode first = root.get("findings").get(2);
        assertThat(first.get("ruleId").asText()).isEqualTo("MCP-CFG-002");
        assertThat(first.get("location").get("line").asInt()).isEqualTo(2);
        assertThat(first.get("location").get("column").asInt()).isEqualTo(3);
        assertThat(first.get("fingerprint").asText()).matches("[0-9a-f]{32}");
        assertThat(first.get("helpUri").asText()).isEqualTo("https://example.org/rules/MCP-CFG-002.md");
        assertThat(root.get("suppressed")).isEmpty();
    }

    @Test
    void fingerprintsAreStableAcrossRuns() {
        PolicyReport again = PolicyEngine.builder().discoverChecks(false).addCheck(new ConfigSyntaxCheck()).build()
                .run(context);
        assertThat(again.findings()).extracting(Finding::fingerprint).containsExactlyElementsOf(
                report.findings().stream().filter(f -> f.ruleId().startsWith("MCP-CFG")).map(Finding::fingerprint).toList());
    }
}
