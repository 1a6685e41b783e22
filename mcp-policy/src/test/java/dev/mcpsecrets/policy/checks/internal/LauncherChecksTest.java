package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stdio launchers of remote servers: their headers and URLs are judged as a remote entry's. */
class LauncherChecksTest {
    /** A Notion token of the current format, made up. */
    static final String NOTION = "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"; // Notion's documented shape: 11 digits, 35 alphanumerics
    static final String NEON = "napi_fake0fake1fake2test3test4fake5fake6test7test8fake9fake0test1abcd";
    static final String OPAQUE = "PLANTED-q7ZK2MXW4RT9v8";

    @TempDir
    Path tmp;

    private List<Finding> run(PolicyCheck check, String json) {
        return Harness.run(check, Harness.context(Harness.view(tmp), Map.of(),
                Harness.config(tmp.resolve("home/.cursor/mcp.json"), json)).build());
    }

    private List<Finding> cmd(String args) {
        return run(new CommandLineSecretCheck(), "{\"mcpServers\": {\"notion\": {\"command\": \"npx\", \"args\": [" + args + "]}}}");
    }

    @Test
    void mcpRemoteWithAPlaintextBearerIsCriticalWithItsKindAndTheBridgeFix() {
        List<Finding> findings = cmd("\"-y\", \"mcp-remote\", \"https://mcp.notion.com/mcp\", \"--header\", "
                + "\"Authorization: Bearer " + NOTION + "\"");
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.ruleId()).isEqualTo(CommandLineSecretCheck.PLAINTEXT);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("Notion integration token").contains("command-line header Authorization");
        assertThat(f.location().jsonPointer()).isEqualTo("/mcpServers/notion/args/4");
        assertThat(f.remediation()).contains("mcp-secrets bridge --header 'Authorization: Bearer "
                + "{keychain:mcp-notion/AUTHORIZATION}' 'https://mcp.notion.com/<path>'")
                .contains("\"args\": [\"bridge\", \"--header\", \"Authorization: Bearer {keychain:mcp-notion/AUTHORIZATION}\"")
                .contains("instead of mcp-remote");
        Harness.assertNoValue(findings, NOTION);
    }

    @Test
    void everyLauncherShapeWithAPlantedOpaqueTokenIsFound() {
        String[] shapes = {
            "\"mcp-remote\", \"https://x.example/sse\", \"--header\", \"Authorization:Bearer " + OPAQUE + "\"",
            "\"mcp-remote\", \"https://x.example/sse\", \"--header=Authorization: Bearer " + OPAQUE + "\"",
            "\"-y\", \"supergateway\", \"--sse\", \"https://x.example/sse\", \"--oauth2Bearer\", \"" + OPAQUE + "\"",
            "\"-y\", \"supergateway\", \"--streamableHttp\", \"https://x.example/mcp\", \"--header\", \"authorization: Bearer "
                    + OPAQUE + "\"",
            "\"mcp-proxy\", \"--headers\", \"Authorization\", \"Bearer " + OPAQUE + "\", \"https://x.example/sse\"",
            "\"mcp-proxy\", \"-H\", \"Authorization\", \"Bearer " + OPAQUE + "\", \"https://x.example/sse\"",
            "\"mcp-proxy\", \"--client-secret\", \"" + OPAQUE + "\", \"https://x.example/sse\"",
        };
        for (String shape : shapes) {
            List<Finding> findings = cmd(shape);
            assertThat(findings).as(shape).hasSize(1);
            assertThat(findings.get(0).severity()).as(shape).isEqualTo(Severity.HIGH);
            Harness.assertNoValue(findings, OPAQUE);
        }
        List<Finding> fly = run(new CommandLineSecretCheck(), "{\"mcpServers\": {\"f\": {\"command\": \"fly\", \"args\": "
                + "[\"mcp\", \"proxy\", \"--url\", \"https://a.fly.dev\", \"--bearer-token\", \"" + OPAQUE + "\"]}}}");
        assertThat(fly).hasSize(1);
        Harness.assertNoValue(fly, OPAQUE);
    }

    @Test
    void aHeaderVariableFromTheEntrysEnvIsACredentialWhateverItsName() {
        List<Finding> findings = run(new PlaintextSecretCheck(), "{\"mcpServers\": {\"n\": {\"command\": \"npx\", \"args\": "
                + "[\"mcp-remote\", \"https://x.example/mcp\", \"--header\", \"Authorization:${AUTH_HEADER}\"], "
                + "\"env\": {\"AUTH_HEADER\": \"Bearer " + OPAQUE + "\"}}}}");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).location().jsonPointer()).isEqualTo("/mcpServers/n/env/AUTH_HEADER");
        assertThat(findings.get(0).remediation()).contains("mcp-secrets bridge");
        Harness.assertNoValue(findings, OPAQUE);
        // the same variable outside a launcher is not a credential by its name
        assertThat(run(new PlaintextSecretCheck(), "{\"mcpServers\": {\"n\": {\"command\": \"node\", \"args\": [\"s.js\"], "
                + "\"env\": {\"AUTH_HEADER\": \"Bearer " + OPAQUE + "\"}}}}")).isEmpty();
    }

    @Test
    void aReferenceOrSubstitutionInALauncherHeaderIsNoFinding() {
        assertThat(cmd("\"mcp-remote\", \"https://x.example/mcp\", \"--header\", \"Authorization: Bearer ${AUTH_TOKEN}\"")).isEmpty();
        assertThat(cmd("\"mcp-remote\", \"https://x.example/mcp\", \"--header\", \"X-Trace: on\"")).isEmpty();
    }

    @Test
    void aPasswordOrTokenInTheLaunchersUrl() {
        List<Finding> findings = cmd("\"mcp-remote\", \"https://user:" + OPAQUE + "@x.example/mcp?api_key=Zq8FAKEv2fake9\"");
        assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("password"))
                .anySatisfy(m -> assertThat(m).contains("api_key"));
        Harness.assertNoValue(findings, OPAQUE, "Zq8FAKEv2fake9");
    }

    @Test
    void plainHttpToARemoteHostThroughALauncherIsTheEndpointsFinding() {
        List<Finding> findings = run(new NetworkCheck(), "{\"mcpServers\": {\"r\": {\"command\": \"npx\", \"args\": "
                + "[\"-y\", \"supergateway\", \"--sse=http://mcp.corp.example/sse\"]}, \"l\": {\"command\": \"npx\", "
                + "\"args\": [\"mcp-remote\", \"http://127.0.0.1:3000/mcp\", \"--allow-http\"]}}}");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(findings.get(0).message()).contains("through supergateway").contains("mcp.corp.example");
    }

    @Test
    void aNeonKeyAsAPlainArgumentIsFound() {
        List<Finding> findings = run(new CommandLineSecretCheck(), "{\"mcpServers\": {\"neon\": {\"command\": \"npx\", "
                + "\"args\": [\"-y\", \"@neondatabase/mcp-server-neon\", \"start\", \"" + NEON + "\"]}}}");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(findings.get(0).message()).contains("Neon API key");
        Harness.assertNoValue(findings, NEON);
    }

    @Test
    void aRemoteEntrysHeaderFixShowsTheBridgeLineToo() {
        List<Finding> findings = run(new PlaintextSecretCheck(), "{\"mcpServers\": {\"notion\": {\"url\": "
                + "\"https://mcp.notion.com/mcp?k=1\", \"headers\": {\"Authorization\": \"Bearer " + NOTION + "\"}}}}");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(findings.get(0).remediation()).contains("mcp-secrets bridge --header 'Authorization: Bearer "
                + "{keychain:mcp-notion/AUTHORIZATION}' 'https://mcp.notion.com/<path>'").doesNotContain("k=1");
        Harness.assertNoValue(findings, NOTION);
    }
}
