package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.McpConfigFile;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MCP-SEC-004: production references through stores or credentials directories only. */
class ProductionStoreCheckTest {
    private static final Path CONFIG = Path.of("/nonexistent/claude_desktop_config.json");

    private static PolicyContext.Builder production(String json) {
        return production(CONFIG, json);
    }

    private static PolicyContext.Builder production(Path file, String json) {
        McpConfigFile cfg = Harness.config(file, json);
        return Harness.context(Harness.view(Path.of("/nonexistent")), Map.of("USER", "u"), cfg).profile(Profile.PRODUCTION);
    }

    private static List<Finding> run(PolicyContext context) {
        return Harness.run(new ProductionStoreCheck(), context);
    }

    private static String entry(String env) {
        return "{\"mcpServers\": {\"db\": {\"command\": \"node\", \"args\": [\"server.js\"], \"env\": {" + env + "}}}}";
    }

    @Test
    void storesAndCredentialDirectoriesPassPlaintextSchemesAreNamed() {
        List<Finding> findings = run(production(entry("\"A\": \"vault:secret/app/db#password\", "
                + "\"B\": \"keychain:app/b || op://Prod/App/b\", \"C\": \"file:/run/secrets/c\", \"D\": \"env:D_VALUE\", "
                + "\"E\": \"dotenv:E\", \"F\": \"file:/home/u/app/f.txt\", \"G\": \"aws-sm:prod/app#g\"")).build());
        assertThat(findings).extracting(Finding::message).hasSize(3).anySatisfy(m -> assertThat(m)
                .contains("resolves D").contains("env:D_VALUE").contains("environment variable"))
                .anySatisfy(m -> assertThat(m).contains("resolves E").contains(".env file"))
                .anySatisfy(m -> assertThat(m).contains("resolves F").contains("outside a credentials directory"));
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-SEC-004");
            assertThat(f.location().line()).isPositive();
            assertThat(f.remediation()).contains("vault:secret/<server>/").contains("LoadCredential");
        });
    }

    @Test
    void silentOutsideTheProductionProfile() {
        assertThat(run(production(entry("\"D\": \"env:D_VALUE\"")).profile(Profile.DEVELOPMENT).build())).isEmpty();
    }

    @Test
    void aChainIsJudgedByItsWeakestFallback() {
        List<Finding> findings = run(production(entry("\"A\": \"vault:secret/app/db#password || env:DB_PASSWORD\""))
                .build());
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).contains("env:DB_PASSWORD")
                .doesNotContain("vault:secret"));
    }

    @Test
    void literalValuesAndUrlsAreLeftToThePlaintextChecks() {
        assertThat(run(production(entry("\"A\": \"PLANTED-literal-value-99\", \"URL\": \"https://user:PLANTED@h/x\", "
                + "\"B\": \"${DB_PASSWORD}\"")).build())).isEmpty();
    }

    @Test
    void relativeFilesCountOnlyWhenTheCredentialsDirectoryIsSet() {
        assertThat(run(production(entry("\"A\": \"file:db-password\"")).build())).hasSize(1);
        assertThat(run(production(entry("\"A\": \"file:db-password\", \"CREDENTIALS_DIRECTORY\": \"/run/credentials/app.service\""))
                .build())).isEmpty();
        assertThat(run(production(entry("\"A\": \"file:/run/secrets/../../etc/app/pw\"")).build())).hasSize(1);
    }

    @Test
    void mcpSecretsRunArgumentsAndEnvFilesAreJudged() {
        String json = "{\"servers\": {\"db\": {\"command\": \"mcp-secrets\", \"args\": [\"run\", \"--env\", "
                + "\"DB_PASSWORD=dotenv:DB_PASSWORD\", \"-e\", \"TOKEN=vault:secret/t\", \"--env=KEY=env:KEY\", \"--\", "
                + "\"node\", \"s.js\", \"--env\", \"X=env:X\"], \"envFile\": \"${workspaceFolder}/.env\"}}}";
        List<Finding> findings = run(production(Path.of("/nonexistent/project/.vscode/mcp.json"), json).build());
        assertThat(findings).extracting(Finding::message).hasSize(3)
                .anySatisfy(m -> assertThat(m).contains("resolves DB_PASSWORD").contains("dotenv:DB_PASSWORD"))
                .anySatisfy(m -> assertThat(m).contains("resolves KEY").contains("env:KEY"))
                .anySatisfy(m -> assertThat(m).contains("envFile").contains(".env"));
    }

    @Test
    void theStoresAndDirectoriesAreOptions() {
        String json = entry("\"A\": \"env:A\", \"B\": \"file:/srv/creds/b\", \"C\": \"keychain:app/c\"");
        List<Finding> findings = run(production(json).options(Map.of(ProductionStoreCheck.SCHEMES_OPTION, "env,vault:",
                ProductionStoreCheck.DIRECTORIES_OPTION, "/srv/creds")).build());
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).contains("keychain:app/c")
                .contains("not listed as a store").contains("env:, vault:").contains("/srv/creds"));
    }

    @Test
    void theServersOwnReferencesAreJudgedForTheGuard() {
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("DB_PASSWORD", "vault:secret/app/db#password");
        refs.put("API/KEY", "dotenv:API_KEY");
        SelfDeclaration self = SelfDeclaration.named("files").withSecretReferences(refs);
        PolicyContext context = PolicyContext.builder().self(self).profile(Profile.PRODUCTION)
                .fingerprinter(Harness.FINGERPRINTER).files(Harness.view(Path.of("/nonexistent")))
                .scopes(EnumSet.of(PolicyScope.SELF)).build();
        assertThat(run(context)).singleElement().satisfies(f -> {
            assertThat(f.location().jsonPointer()).isEqualTo("/self/secretReferences/API~1KEY");
            assertThat(f.message()).contains("Server 'files'").contains("dotenv:API_KEY");
        });
    }
}
