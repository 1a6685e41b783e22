package dev.mcpsecrets.policy.checks.internal;

import static dev.mcpsecrets.policy.checks.internal.Harness.GITHUB;
import static dev.mcpsecrets.policy.checks.internal.Harness.runOn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.McpConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** True and false positives of the config checks beyond the fixture set. */
class ConfigChecksTest {
    @TempDir
    Path root;

    @Test
    void plaintextTokenRemediationNamesTheReferenceAndTheRunLine() {
        List<Finding> findings = runOn(new PlaintextSecretCheck(), "{\"mcpServers\": {\"github\": {\"command\": \"npx\","
                + " \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"], \"env\": {\"GITHUB_TOKEN\": \"" + GITHUB + "\"}}}}");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.remediation()).contains("\"GITHUB_TOKEN\": \"op://Private/GitHub/token\"")
                    .contains("mcp-secrets run --env GITHUB_TOKEN=op://Private/GitHub/token -- npx -y "
                            + "@modelcontextprotocol/server-github");
            assertThat(f.message()).contains("GitHub token, 40 characters, hmac:");
            assertThat(f.location().jsonPointer()).isEqualTo("/mcpServers/github/env/GITHUB_TOKEN");
        });
    }

    @Test
    void referencesOfEveryKindAreTheFixNotFindings() {
        String cfg = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": {\"GITHUB_TOKEN\": \"op://Private/GitHub/token\","
                + " \"B_TOKEN\": \"keychain:b/token || env:B_TOKEN\", \"C_API_KEY\": \"dotenv:C_API_KEY\","
                + " \"D_SECRET\": \"file:/run/secrets/d\", \"E_PASSWORD\": \"${E_PASSWORD:-}\", \"F_KEY\": \"env:F_KEY\"},"
                + " \"headers\": {\"Authorization\": \"Bearer ${input:tok}\"}, \"url\": \"https://x.example.com/?api_key=${KEY:-}\"}}}";
        assertThat(runOn(new PlaintextSecretCheck(), cfg)).isEmpty();
        assertThat(runOn(new CommandLineSecretCheck(), cfg)).isEmpty();
        String notion = "{\"mcpServers\": {\"notion\": {\"command\": \"npx\", \"args\": [\"-y\", \"@notionhq/notion-mcp-server\"],"
                + " \"env\": {\"OPENAPI_MCP_HEADERS\": \"{\\\"Authorization\\\": \\\"Bearer ${NOTION_TOKEN}\\\","
                + " \\\"Notion-Version\\\": \\\"2022-06-28\\\"}\"}}}}";
        assertThat(runOn(new PlaintextSecretCheck(), notion)).isEmpty();
        assertThat(runOn(new PlaintextSecretCheck(), notion.replace("${NOTION_TOKEN}", "ntn_FAKEfake0123456789TESTtest")))
                .extracting(Finding::ruleId).containsExactly("MCP-SEC-002");
    }

    @Test
    void unresolvedVariablesAndInputsAreReportedUnlessSetDeclaredOrDefaulted() {
        String cfg = "{\"inputs\": [{\"id\": \"known\", \"type\": \"promptString\"}], \"servers\": {\"a\": {\"command\": \"x\","
                + " \"env\": {\"A\": \"${input:known}\", \"B\": \"${input:missing}\", \"C\": \"${env:UNSET_VAR}\","
                + " \"D\": \"${env:SET_VAR}\", \"E\": \"${workspaceFolder}\", \"F\": \"$NOT_EXPANDED_OUTSIDE_SHELL\"}}}}";
        Path file = Path.of("/p/.vscode/mcp.json");
        McpConfigFile config = Harness.config(file, cfg);
        PolicyContext ctx = Harness.context(Harness.view(Path.of("/nonexistent")), Map.of("SET_VAR", "1"), config).build();
        List<Finding> findings = Harness.run(new UnresolvedReferenceCheck(), ctx);
        assertThat(findings).extracting(f -> f.location().jsonPointer())
                .containsExactly("/servers/a/env/B", "/servers/a/env/C");
        assertThat(findings.get(1).remediation()).contains("mcp-secrets run --env UNSET_VAR=");
    }

    @Test
    void keychainLookupInShIsLowWithTheEquivalentRunLine() {
        List<Finding> findings = runOn(new CommandLineSecretCheck(), "{\"mcpServers\": {\"mysql\": {\"command\": \"sh\","
                + " \"args\": [\"-c\", \"MYSQL_PASSWORD=$(security find-generic-password -a $USER -s mysql_root_password -w)"
                + " MYSQL_HOST=127.0.0.1 node /path/to/mysql-server.js\"]}, \"op\": {\"command\": \"bash\", \"args\": [\"-lc\","
                + " \"TOKEN=$(op read op://Private/GitHub/token) exec npx -y @modelcontextprotocol/server-github\"]}}}");
        assertThat(findings).extracting(Finding::ruleId).containsExactly("MCP-CMD-002", "MCP-CMD-002");
        assertThat(findings.get(0).remediation()).contains(
                "mcp-secrets run --env MYSQL_PASSWORD=keychain:mysql_root_password -- node '<arg1>'");
        assertThat(findings.get(1).remediation()).contains(
                "mcp-secrets run --env TOKEN=op://Private/GitHub/token -- npx -y @modelcontextprotocol/server-github");
    }

    @Test
    void passLookupInShSuggestsThePassReference() {
        List<Finding> findings = runOn(new CommandLineSecretCheck(), "{\"mcpServers\": {\"github\": {\"command\": \"sh\","
                + " \"args\": [\"-c\", \"GITHUB_PERSONAL_ACCESS_TOKEN=$(pass show mcp/github-token)"
                + " npx -y @modelcontextprotocol/server-github\"]}}}");
        assertThat(findings).extracting(Finding::ruleId).containsExactly("MCP-CMD-002");
        assertThat(findings.get(0).remediation()).contains(
                "mcp-secrets run --env GITHUB_PERSONAL_ACCESS_TOKEN=pass:mcp/github-token -- npx -y "
                        + "@modelcontextprotocol/server-github").doesNotContain("op://");
    }

    @Test
    void passAndGopassLookupsNameTheLineOrFieldTheyRead() {
        assertThat(CommandLineSecretCheck.passReference("pass show mcp/gh")).isEqualTo("pass:mcp/gh");
        assertThat(CommandLineSecretCheck.passReference("pass mcp/gh")).isEqualTo("pass:mcp/gh");
        assertThat(CommandLineSecretCheck.passReference("pass show db/prod | head -n 1")).isEqualTo("pass:db/prod");
        assertThat(CommandLineSecretCheck.passReference("pass show db/prod | sed -n 2p")).isEqualTo("pass:db/prod#line=2");
        assertThat(CommandLineSecretCheck.passReference("pass show db/prod | tail -n +3 | head -1"))
                .isEqualTo("pass:db/prod#line=3");
        assertThat(CommandLineSecretCheck.passReference("gopass show -o x/y")).isEqualTo("pass:x/y");
        assertThat(CommandLineSecretCheck.passReference("gopass show x/y user")).isEqualTo("pass:x/y#user");
        // not nameable as one reference: the generic suggestion stays
        assertThat(CommandLineSecretCheck.passReference("pass show ../x")).isNull();
        assertThat(CommandLineSecretCheck.passReference("pass show $ENTRY")).isNull();
        assertThat(CommandLineSecretCheck.passReference("pass ls")).isNull();
        assertThat(CommandLineSecretCheck.passReference("gopass show x/y")).isNull();
        assertThat(CommandLineSecretCheck.passReference("pass show db | grep user")).isNull();
    }

    @Test
    void aPassReferenceInEnvIsNotAPlaintextValue() {
        assertThat(runOn(new PlaintextSecretCheck(), "{\"mcpServers\": {\"a\": {\"command\": \"x\","
                + " \"env\": {\"GITHUB_TOKEN\": \"pass:mcp/gh\"}}}}")).isEmpty();
    }

    @Test
    void anAwsSecretsManagerReferenceInEnvIsNotAPlaintextValue() {
        assertThat(runOn(new PlaintextSecretCheck(), "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": {"
                + "\"GITHUB_TOKEN\": \"aws-sm:prod/github-mcp#token\", \"DB_PASSWORD\": \"aws-sm:arn:aws:"
                + "secretsmanager:eu-central-1:123456789012:secret:prod/db-AbCdEf?stage=AWSPREVIOUS#password\"}}}}"))
                .isEmpty();
    }

    @Test
    void textBeforeAnEqualsSignIsNamedOnlyWhenItIsShapedLikeAnOption() {
        String pasted = "-----BEGIN OPENSSH PRIVATE KEY-----\\nPLANTEDQ7ZK2MXW4RT9?api_key";
        List<Finding> findings = runOn(new CommandLineSecretCheck(), "{\"mcpServers\": {\"a\": {\"command\": \"tool\","
                + " \"args\": [\"" + pasted + "=" + GITHUB + "\", \"--token=" + GITHUB + "\"]}}}");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(1).message()).contains("--token");
        Harness.assertNoValue(findings, GITHUB, "PLANTEDQ7ZK2MXW4RT9", "OPENSSH PRIVATE KEY-----\n");
    }

    @Test
    void secretsInArgumentsAreReportedWithoutTheirValueInTheFix() {
        List<Finding> findings = runOn(new CommandLineSecretCheck(), "{\"mcpServers\": {"
                + "\"a\": {\"command\": \"tool\", \"args\": [\"--password=Zq8FAKEv2fake\", \"--token\", \"" + GITHUB + "\"]},"
                + "\"b\": {\"command\": \"docker\", \"args\": [\"run\", \"-e\", \"GITHUB_TOKEN=" + GITHUB + "\", \"-e\", \"GITHUB_HOST\","
                + " \"ghcr.io/github/github-mcp-server\"]}}}");
        assertThat(findings).extracting(f -> f.location().jsonPointer())
                .containsExactly("/mcpServers/a/args/0", "/mcpServers/a/args/2", "/mcpServers/b/args/2");
        Harness.assertNoValue(findings, GITHUB, "Zq8FAKEv2fake");
    }

    @Test
    void loopbackHttpAndOrdinaryBooleansAreFine() {
        String cfg = "{\"mcpServers\": {\"a\": {\"url\": \"http://127.0.0.1:3000/mcp\", \"verbose\": true},"
                + " \"b\": {\"type\": \"sse\", \"url\": \"http://localhost:8080/sse\"},"
                + " \"c\": {\"command\": \"x\", \"env\": {\"API_URL\": \"https://api.example.com\", \"NODE_TLS_REJECT_UNAUTHORIZED\": \"1\"}}}}";
        assertThat(runOn(new NetworkCheck(), cfg)).isEmpty();
        assertThat(runOn(new NetworkCheck(), "{\"mcpServers\": {\"a\": {\"url\": \"https://x.example.com/mcp\","
                + " \"tls\": {\"rejectUnauthorized\": false}}}}")).extracting(Finding::ruleId).containsExactly("MCP-NET-002");
    }

    @Test
    void databaseUsersFromUrlsJdbcAndShellWords() {
        String bad = "{\"mcpServers\": {\"pg\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-postgres\","
                + " \"postgresql://postgres@localhost/app\"]}, \"ms\": {\"command\": \"x\", \"env\": {\"DATABASE_URL\":"
                + " \"jdbc:sqlserver://db:1433;databaseName=app;user=sa\"}}, \"sh\": {\"command\": \"sh\", \"args\": [\"-c\","
                + " \"DB_USER=db_admin node s.js\"]}}}";
        assertThat(runOn(new DatabaseUserCheck(), bad)).extracting(f -> f.message().replaceAll(".*connects as '([^']*)'.*", "$1"))
                .containsExactly("postgres", "sa", "db_admin");
        String good = "{\"mcpServers\": {\"pg\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-postgres\","
                + " \"postgresql://claude_readonly@localhost/app\"], \"env\": {\"PGUSER\": \"app_reader\", \"MYSQL_USER\": \"${DB_USER}\"}}}}";
        assertThat(runOn(new DatabaseUserCheck(), good)).isEmpty();
    }

    @Test
    void productionDatabaseNeedsAReadOnlyUserOrSwitch() {
        String mysql = "{\"mcpServers\": {\"db\": {\"command\": \"npx\", \"args\": [\"-y\", \"@benborla29/mcp-server-mysql\"],"
                + " \"env\": {\"MYSQL_HOST\": \"prod-db.example.com\", \"MYSQL_USER\": \"%s\", \"MYSQL_DATABASE\": \"myapp_prod\"}}}}";
        assertThat(runOn(new ProductionDatabaseCheck(), mysql.formatted("claude_app"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("MYSQL_HOST=prod-db.example.com"));
        assertThat(runOn(new ProductionDatabaseCheck(), mysql.formatted("prod_readonly"))).isEmpty();
        assertThat(runOn(new ProductionDatabaseCheck(), mysql.formatted("claude_app").replace("prod", "staging"))).isEmpty();
        String pg = "{\"mcpServers\": {\"pg\": {\"command\": \"npx\", \"args\": [\"-y\", \"postgres-mcp\","
                + " \"postgresql://app@db.example.com/app_production\"%s]}}}";
        assertThat(runOn(new ProductionDatabaseCheck(), pg.formatted(""))).extracting(Finding::ruleId)
                .containsExactly("MCP-DB-002");
        assertThat(runOn(new ProductionDatabaseCheck(), pg.formatted(", \"--access-mode=restricted\""))).isEmpty();
    }

    @Test
    void symlinkRootEscapingToASystemDirectoryIsReportedTwice() throws IOException {
        FileSystemView view = Harness.view(root);
        Path projects = Files.createDirectories(view.home().resolve("projects"));
        Files.createSymbolicLink(projects.resolve("etc-link"), Path.of("/etc"));
        Files.createDirectories(projects.resolve("real"));
        String cfg = "{\"mcpServers\": {\"fs\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-filesystem\","
                + " \"~/projects/etc-link\"]}, \"ok\": {\"command\": \"npx\", \"args\": [\"-y\","
                + " \"@modelcontextprotocol/server-filesystem\", \"~/projects/real\"]}}}";
        McpConfigFile config = Harness.config(view.home().resolve(".mcp.json"), cfg);
        List<Finding> findings = Harness.run(new FilesystemScopeCheck(), Harness.context(view, Map.of(), config).build());
        assertThat(Harness.ruleIds(findings)).containsExactly("MCP-FS-001", "MCP-FS-004");
    }

    @Test
    void readOnlyDeclarationAgainstWritableMountAndMissingFlag() {
        FileSystemView view = Harness.view(root);
        String cfg = "{\"mcpServers\": {\"files\": {\"command\": \"docker\", \"args\": [\"run\", \"-v\", \"%s:/data\","
                + " \"mcp/filesystem\", \"/data\"]}, \"github\": {\"command\": \"docker\", \"args\": [\"run\", \"-i\","
                + " \"ghcr.io/github/github-mcp-server\"%s]}}}";
        SelfDeclaration filesRo = SelfDeclaration.named("files").withReadOnly(true);
        SelfDeclaration githubRo = SelfDeclaration.named("github").withReadOnly(true);
        Path home = view.home().resolve("p");
        McpConfigFile writable = Harness.config(root.resolve("c.json"), cfg.formatted(home, ""));
        McpConfigFile readOnly = Harness.config(root.resolve("c.json"), cfg.formatted(home + "", ", \"--read-only\"")
                .replace(":/data\"", ":/data:ro\""));
        assertThat(run(view, writable, filesRo)).extracting(Finding::ruleId).containsExactly("MCP-FS-006");
        assertThat(run(view, writable, githubRo)).singleElement()
                .satisfies(f -> assertThat(f.remediation()).contains("--read-only"));
        assertThat(run(view, readOnly, filesRo)).isEmpty();
        assertThat(run(view, readOnly, githubRo)).isEmpty();
        assertThat(run(view, writable, filesRo.withReadOnly(false))).isEmpty();
    }

    private static List<Finding> run(FileSystemView view, McpConfigFile config, SelfDeclaration self) {
        return Harness.run(new FilesystemScopeCheck(), Harness.context(view, Map.of(), config).self(self).build());
    }

    @Test
    void windowsSystemAndHomeRootsAreClassifiedByText() {
        String cfg = "{\"mcpServers\": {\"fs\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-filesystem\","
                + " \"C:\\\\Windows\\\\System32\", \"C:\\\\Users\\\\me\", \"C:\\\\Users\\\\me\\\\.ssh\", \"D:\\\\src\\\\app\"]}}}";
        assertThat(runOn(new FilesystemScopeCheck(), cfg)).extracting(Finding::ruleId)
                .containsExactly("MCP-FS-001", "MCP-FS-002", "MCP-FS-003");
    }

    @Test
    void sameInputGivesSameFindingsInSameOrder() {
        String cfg = "{\"mcpServers\": {\"github\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\","
                + " \"/\"], \"env\": {\"GITHUB_TOKEN\": \"" + GITHUB + "\", \"NODE_TLS_REJECT_UNAUTHORIZED\": \"0\"}}}}";
        McpConfigFile config = Harness.config(Path.of("/x/.mcp.json"), cfg);
        PolicyContext ctx = Harness.context(Harness.view(root), Map.of(), config).build();
        assertThat(Harness.runAll(ctx)).isEqualTo(Harness.runAll(ctx)).isNotEmpty();
    }
}
