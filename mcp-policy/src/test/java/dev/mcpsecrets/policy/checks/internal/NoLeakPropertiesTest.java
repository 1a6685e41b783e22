package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.McpConfigFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** No finding of any offline check shows any part of a planted secret, whatever its characters. */
class NoLeakPropertiesTest {

    @Property(tries = 60)
    void plantedGithubTokenNeverAppearsInFindings(@ForAll @AlphaChars @NumericChars @StringLength(36) String body) {
        String token = "ghp_" + body;
        String cfg = "{\"mcpServers\": {\"github\": {\"command\": \"sh\", \"args\": [\"-c\", \"GITHUB_TOKEN=" + token
                + " npx -y @modelcontextprotocol/server-github\"], \"env\": {\"GH_TOKEN\": \"" + token + "\"},"
                + " \"url\": \"https://u:" + token + "@h.example.com/\", \"headers\": {\"Authorization\": \"Bearer " + token + "\"}}}}";
        McpConfigFile a = Harness.config(Path.of("/nonexistent/a/.mcp.json"), cfg);
        McpConfigFile b = Harness.config(Path.of("/nonexistent/b/.mcp.json"), cfg);
        PolicyContext ctx = Harness.context(Harness.view(Path.of("/nonexistent")), Map.of(), a, b).build();
        List<Finding> findings = Harness.runAll(ctx);
        assertThat(findings).isNotEmpty();
        for (Finding f : findings) {
            String text = String.join("\n", f.title(), f.message(), f.remediation(), String.valueOf(f.location()),
                    f.toString());
            for (int i = 0; i + 8 <= body.length(); i += 4) {
                assertThat(text).doesNotContain(body.substring(i, i + 8));
            }
        }
    }

    @Property(tries = 60)
    void plantedPasswordNeverAppearsInFindings(@ForAll @AlphaChars @StringLength(min = 10, max = 30) String password) {
        String cfg = "{\"mcpServers\": {\"db\": {\"command\": \"npx\", \"args\": [\"-y\", \"@benborla29/mcp-server-mysql\","
                + " \"--password=" + password + "\", \"mysql://root:" + password + "@db.example.com/app\"],"
                + " \"env\": {\"MYSQL_PASSWORD\": \"" + password + "\", \"MYSQL_USER\": \"root\"}}}}";
        McpConfigFile a = Harness.config(Path.of("/nonexistent/claude_desktop_config.json"), cfg);
        List<Finding> findings = Harness.runAll(Harness.context(Harness.view(Path.of("/nonexistent")), Map.of(), a).build());
        assertThat(findings).extracting(Finding::ruleId).contains("MCP-SEC-002", "MCP-CMD-001", "MCP-DB-001");
        for (Finding f : findings) {
            assertThat(String.join("\n", f.title(), f.message(), f.remediation(), f.toString())).doesNotContain(password);
        }
    }
}
