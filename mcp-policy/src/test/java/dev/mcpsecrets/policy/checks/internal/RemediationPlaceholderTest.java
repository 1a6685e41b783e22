package dev.mcpsecrets.policy.checks.internal;

import static dev.mcpsecrets.policy.checks.internal.Harness.GITHUB;
import static dev.mcpsecrets.policy.checks.internal.Harness.runOn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixes rebuild command lines from placeholders: arguments no rule recognised are never copied. */
class RemediationPlaceholderTest {
    private static final String PLANTED = "PLANTED-rem-5d2c";

    private static List<Finding> all(String json) {
        List<Finding> findings = new ArrayList<>(runOn(new PlaintextSecretCheck(), json));
        findings.addAll(runOn(new CommandLineSecretCheck(), json));
        findings.addAll(runOn(new UnresolvedReferenceCheck(), json));
        return findings;
    }

    private static void assertNothingPlanted(List<Finding> findings) {
        assertThat(findings).isNotEmpty();
        for (Finding f : findings) {
            assertThat(String.join("\n", f.title(), f.message(), f.remediation(), f.help(), f.toString()))
                    .doesNotContain(PLANTED);
        }
    }

    @Test
    void unrecognisedFlagValuesBecomePlaceholders() {
        String json = "{\"mcpServers\": {\"github\": {\"command\": \"npx\", \"args\": [\"-y\","
                + " \"@modelcontextprotocol/server-github\", \"-k\", \"" + PLANTED + "-k\", \"--pat\", \"" + PLANTED
                + "-pat\"], \"env\": {\"GITHUB_TOKEN\": \"" + GITHUB + "\"}}}}";
        List<Finding> findings = all(json);
        assertNothingPlanted(findings);
        assertThat(findings).anySatisfy(f -> assertThat(f.remediation())
                .contains("-- npx -y @modelcontextprotocol/server-github '<arg3>' '<arg4>' '<arg5>' '<arg6>'")
                .contains("\"--\", \"npx\", \"-y\", \"@modelcontextprotocol/server-github\", \"<arg3>\"")
                .contains("<argN> stands for word N"));
    }

    @Test
    void unknownProgramAndScriptPathAreNotCopied() {
        String json = "{\"mcpServers\": {\"a\": {\"command\": \"/opt/" + PLANTED + "/bin/tool\", \"args\": [\"--token\", \""
                + GITHUB + "\", \"/home/u/" + PLANTED + ".js\"]}}}";
        List<Finding> findings = all(json);
        assertNothingPlanted(findings);
        Harness.assertNoValue(findings, GITHUB);
        assertThat(findings).anySatisfy(f -> assertThat(f.remediation()).contains("-- '<command>' '<arg3>'"));
    }

    @Test
    void wordsInsideShellWrappersAreNotCopied() {
        String json = "{\"mcpServers\": {\"op\": {\"command\": \"bash\", \"args\": [\"-lc\","
                + " \"TOKEN=$(op read op://Private/GitHub/token) exec node server.js -k " + PLANTED + "\"]}}}";
        List<Finding> findings = runOn(new CommandLineSecretCheck(), json);
        assertNothingPlanted(findings);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.remediation())
                .contains("mcp-secrets run --env TOKEN=op://Private/GitHub/token -- node '<arg1>' '<arg2>' '<arg3>'"));
    }

    @Test
    void cataloguedPackageWithAVersionIsKept() {
        String json = "{\"mcpServers\": {\"github\": {\"command\": \"npx\", \"args\": [\"-y\","
                + " \"@modelcontextprotocol/server-github@1.2.3\"], \"env\": {\"GITHUB_TOKEN\": \"" + GITHUB + "\"}}}}";
        assertThat(runOn(new PlaintextSecretCheck(), json)).singleElement().satisfies(f -> assertThat(f.remediation())
                .contains("-- npx -y @modelcontextprotocol/server-github@1.2.3").doesNotContain("<arg"));
    }
}
