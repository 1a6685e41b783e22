package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mcpsecrets.policy.checks.internal.ConfigSyntaxCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report matches its published schema, docs/report-schema-v1.json. */
class JsonReportSchemaTest {
    @TempDir
    Path tmp;

    private static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(Files.readString(Path.of("docs/report-schema-v1.json")), InputFormat.JSON);
    }

    @Test
    void reportWithSuppressionsFailedChecksAndBaselineMatchesTheSchema() throws Exception {
        PolicyContext context = Fixtures.brokenConfigs(tmp, "s3cr3t-json-schema-0987654321");
        Path suppressions = tmp.resolve("s.json");
        Files.writeString(suppressions, "{\"version\": 1, \"suppressions\": [{\"rule\": \"MCP-CFG-002\", \"location\": \"**\","
                + " \"reason\": \"accepted\", \"expires\": \"2999-01-01\"}]}");
        PolicyCheck boom = TestChecks.of("TEST-BOOM-001", ctx -> {
            throw new IllegalStateException();
        });
        PolicyEngine.Builder builder = PolicyEngine.builder().discoverChecks(false).addCheck(new ConfigSyntaxCheck())
                .addCheck(boom).addCheck(TestChecks.live("TEST-LIVE-001")).suppressions(Suppressions.load(suppressions));
        PolicyReport first = builder.build().run(context);
        String firstJson = ReportWriter.render(first, ReportFormat.JSON, ReportOptions.DEFAULTS);
        Path baseline = tmp.resolve("baseline.json");
        Files.writeString(baseline, firstJson);
        PolicyReport second = builder.baseline(Baseline.load(baseline)).build().run(context);
        Schema schema = schema();
        for (PolicyReport r : new PolicyReport[] {first, second}) {
            String json = ReportWriter.render(r, ReportFormat.JSON, ReportOptions.DEFAULTS.withDocsBaseUrl(
                    java.net.URI.create("https://example.org/rules/")));
            assertThat(schema.validate(json, InputFormat.JSON)).as(json).isEmpty();
            assertThat(json).doesNotContain("s3cr3t-json-schema-0987654321");
        }
        assertThat(second.findings()).isEmpty();
        assertThat(second.baselineMatched()).isEqualTo(first.findings().size());
        assertThat(second.suppressed()).hasSize(1);
    }

    @Test
    void schemaRejectsAWrongReport() throws Exception {
        assertThat(schema().validate("{\"schemaVersion\": 2}", InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void engineListsRulesAndTheirHelp() {
        PolicyEngine engine = PolicyEngine.builder().discoverChecks(false).addCheck(new ConfigSyntaxCheck()).build();
        assertThat(engine.ruleIds()).containsAll(Set.of("MCP-CFG-001", "MCP-CFG-002", "MCP-CFG-003", "MCP-ENG-001",
                "MCP-ENG-002", "MCP-ENG-003"));
        assertThat(engine.help("MCP-CFG-002")).hasValueSatisfying(h -> assertThat(h).startsWith("# MCP-CFG-002: "));
        assertThat(engine.help("MCP-ENG-002")).isPresent();
        assertThat(engine.help("NO-SUCH-1")).isEmpty();
    }
}
