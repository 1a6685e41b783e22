package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mcpsecrets.policy.checks.internal.ConfigSyntaxCheck;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validates our SARIF against the official OASIS SARIF 2.1.0 schema kept in test resources. */
class SarifReportSchemaTest {
    private static Schema schema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifReportSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in, InputFormat.JSON);
        }
    }

    private static void assertValid(String sarif) {
        List<com.networknt.schema.Error> errors = schema.validate(sarif, InputFormat.JSON);
        assertThat(errors).as("SARIF schema violations").isEmpty();
    }

    @Test
    void schemaRejectsAnInvalidDocument() {
        assertThat(schema.validate("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}", InputFormat.JSON)).isNotEmpty();
        assertThat(schema.validate("{\"version\": \"9\", \"runs\": []}", InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void reportWithFindingsSuppressionsAndFailedCheckIsValidSarif() throws Exception {
        PolicyContext context = Fixtures.brokenConfigs(tmp, "s3cr3t-VALUE-1234567890");
        Path suppressions = tmp.resolve("suppressions.json");
        Files.writeString(suppressions, "{\"version\": 1, \"suppressions\": [{\"rule\": \"MCP-CFG-002\", \"location\": \"**\","
                + " \"reason\": \"we strip comments before deploying\"}, {\"rule\": \"MCP-X-1\", \"location\": \"**\","
                + " \"reason\": \"old\", \"expires\": \"" + LocalDate.now().minusDays(3) + "\"}]}");
        PolicyCheck boom = TestChecks.of("TEST-BOOM-001", ctx -> {
            throw new IllegalStateException();
        });
        PolicyReport report = PolicyEngine.builder().discoverChecks(false).addCheck(new ConfigSyntaxCheck()).addCheck(boom)
                .suppressions(Suppressions.load(suppressions)).build().run(context);
        ReportOptions options = ReportOptions.DEFAULTS.withSourceRoot(context.files().home())
                .withDocsBaseUrl(URI.create("https://github.com/mcp-secrets/mcp-secrets/blob/main/mcp-policy/docs/rules/"));
        String sarif = ReportWriter.render(report, ReportFormat.SARIF, options);
        assertValid(sarif);

        JsonNode run = new ObjectMapper().readTree(sarif).get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules.findValuesAsText("id")).contains("MCP-CFG-001", "MCP-CFG-002", "MCP-ENG-001", "MCP-ENG-002");
        JsonNode cfg001 = rules.get(rules.findValuesAsText("id").indexOf("MCP-CFG-001"));
        assertThat(cfg001.get("properties").get("security-severity").asText()).isEqualTo("8.0");
        assertThat(cfg001.get("help").get("markdown").asText()).contains("fails closed");
        assertThat(cfg001.get("helpUri").asText()).endsWith("/docs/rules/MCP-CFG-001.md");
        assertThat(cfg001.get("shortDescription").get("text").asText()).isEqualTo("Config cannot be read");

        JsonNode results = run.get("results");
        assertThat(results).allSatisfy(r -> assertThat(r.get("partialFingerprints").get("mcpSecretsFinding/v1").asText())
                .matches("[0-9a-f]{32}"));
        JsonNode suppressed = null;
        for (JsonNode r : results) {
            if (r.has("suppressions")) {
                suppressed = r;
            }
        }
        assertThat(suppressed).isNotNull();
        assertThat(suppressed.get("ruleId").asText()).isEqualTo("MCP-CFG-002");
        assertThat(suppressed.get("suppressions").get(0).get("justification").asText()).contains("strip comments");
        JsonNode artifact = suppressed.get("locations").get(0).get("physicalLocation").get("artifactLocation");
        assertThat(artifact.get("uri").asText()).isEqualTo(".config/Claude/claude_desktop_config.json");
        assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(run.get("invocations").get(0).get("executionSuccessful").asBoolean()).isFalse();
        assertThat(sarif).doesNotContain("s3cr3t-VALUE-1234567890");
    }

    @Test
    void everyDiscoveredCheckOnTheFixtureGivesValidSarifWithoutTheSecret() throws Exception {
        PolicyContext context = Fixtures.brokenConfigs(tmp, "s3cr3t-VALUE-1234567890");
        PolicyReport report = PolicyEngine.builder().build().run(context);
        String sarif = ReportWriter.render(report, ReportFormat.SARIF, ReportOptions.DEFAULTS);
        assertValid(sarif);
        assertThat(sarif).doesNotContain("s3cr3t-VALUE-1234567890");
    }

    @Test
    void emptyReportIsValidSarif() {
        PolicyReport report = PolicyEngine.builder().discoverChecks(false).build()
                .run(PolicyContext.builder().files(Fixtures.view(tmp)).build());
        assertValid(ReportWriter.render(report, ReportFormat.SARIF, ReportOptions.DEFAULTS));
    }
}
