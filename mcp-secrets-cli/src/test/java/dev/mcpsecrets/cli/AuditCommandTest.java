package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcp-secrets audit} on the repository's example configs and on discovered ones. */
class AuditCommandTest {
    private static final Path INSECURE = ProcessRun.REPO_ROOT.resolve("examples/configs/insecure.mcp.json");
    private static final Path FIXED = ProcessRun.REPO_ROOT.resolve("examples/configs/fixed.mcp.json");
    private static final Path SARIF_SCHEMA = ProcessRun.REPO_ROOT.resolve("mcp-policy/src/test/resources/sarif/sarif-schema-2.1.0.json");

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    @Test
    void insecureConfigPrintsGroupedFindingsWithLocationsAndFixesAndExitsOne() {
        CliRun run = CliRun.of(env(), "audit", INSECURE.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains(INSECURE.toString()).contains("server github").contains("server filesystem")
                .contains("insecure.mcp.json:7:41").contains("MCP-SEC-001").contains("MCP-FS-001").contains("fix:")
                .contains("\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"op://").contains("mcp-secrets run --env")
                .doesNotContain("ghp_FAKEfake0123456789").doesNotContain("FakePassw0rd123")
                .doesNotContain("\u001b[");
        List<String> lines = run.out().strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ findings \\(.*critical.*\\) in 1 config; \\d+ at or above high: fail");
    }

    @Test
    void fixedConfigIsCleanAndExitsZero() {
        CliRun run = CliRun.of(env(), "audit", FIXED.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).endsWith("0 findings in 1 config; 0 at or above high: pass\n");
    }

    @Test
    void aDirectoryStandsForEveryConfigBelowIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("configs/.vscode"));
        Files.copy(INSECURE, tmp.resolve("configs/one.mcp.json"));
        Files.copy(FIXED, dir.resolve("mcp.json"));
        CliRun run = CliRun.of(env(), "audit", tmp.resolve("configs").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("one.mcp.json:7:41").contains("in 2 configs");
        Files.delete(tmp.resolve("configs/one.mcp.json"));
        assertThat(CliRun.of(env(), "audit", tmp.resolve("configs").toString()).exitCode()).isZero();
    }

    @Test
    void sarifOutputValidatesAgainstTheSarifSchema() throws Exception {
        Path out = tmp.resolve("audit.sarif");
        CliRun run = CliRun.of(env(), "audit", "--format", "sarif", "--output", out.toString(), INSECURE.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("wrote the sarif report to " + out);
        Schema schema;
        try (InputStream in = Files.newInputStream(SARIF_SCHEMA)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in, InputFormat.JSON);
        }
        String sarif = Files.readString(out);
        assertThat(schema.validate(sarif, InputFormat.JSON)).isEmpty();
        JsonNode results = new ObjectMapper().readTree(sarif).at("/runs/0/results");
        assertThat(results.size()).isGreaterThanOrEqualTo(3);
        assertThat(sarif).doesNotContain("ghp_FAKEfake0123456789");
    }

    @Test
    void jsonGoesToStdoutAndParses() throws Exception {
        CliRun run = CliRun.of(env(), "audit", "--format", "json", INSECURE.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.at("/summary/findings").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void failOnThresholdDecidesTheExitCode() {
        assertThat(CliRun.of(env(), "audit", "--fail-on", "critical", FIXED.toString()).exitCode()).isZero();
        assertThat(CliRun.of(env(), "audit", "--fail-on", "critical", INSECURE.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void baselineHidesKnownFindingsAndSuppressionsNeedAReason() throws Exception {
        Path report = tmp.resolve("baseline.json");
        assertThat(CliRun.of(env(), "audit", "--format", "json", "--output", report.toString(), INSECURE.toString())
                .exitCode()).isEqualTo(1);
        CliRun again = CliRun.of(env(), "audit", "--baseline", report.toString(), INSECURE.toString());
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("0 findings");

        Path suppressions = Files.writeString(tmp.resolve("suppressions.json"), """
                {"version": 1, "suppressions": [
                  {"rule": "MCP-FS-001", "location": "**", "reason": "the demo container has nothing else on /"}]}
                """);
        CliRun suppressed = CliRun.of(env(), "audit", "--suppressions", suppressions.toString(), INSECURE.toString());
        CliRun all = CliRun.of(env(), "audit", INSECURE.toString());
        assertThat(suppressed.out()).contains("1 suppressed");
        assertThat(lastLine(suppressed.out())).startsWith((findings(all.out()) - 1) + " findings");
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static int findings(String out) {
        return Integer.parseInt(lastLine(out).split(" ")[0]);
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun badSeverity = CliRun.of(env(), "audit", "--fail-on", "severe", FIXED.toString());
        assertThat(badSeverity.exitCode()).isEqualTo(2);
        assertThat(badSeverity.err()).contains("--fail-on");
        assertThat(CliRun.of(env(), "audit", "--format", "xml", FIXED.toString()).exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of(env(), "audit", tmp.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json").contains("no such file");
    }

    @Test
    void withoutPathsTheUsersConfigsAreFound() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve(".claude.json"), """
                {"mcpServers": {"brave": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"],
                  "env": {"BRAVE_API_KEY": "BSAfake0123456789abcdefghijklmn"}}}}
                """);
        CliRun run = CliRun.of(env(), "audit", "--skip", "MCP-GIT-002", "--fail-on", "low");
        assertThat(run.out()).contains(".claude.json").contains("server brave").doesNotContain("BSAfake0123456789");
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
