package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.source.FileSystemView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How configs seen in public repositories are read: where relative roots lead, homes of other users, drives. */
class RealConfigReadingTest {
    private static final String FS = "{\"mcpServers\": {\"fs\": {\"command\": \"npx\", \"args\": [\"-y\","
            + " \"@modelcontextprotocol/server-filesystem\", %s]%s}}}";

    @TempDir
    Path root;

    private List<Finding> run(Path file, ConfigScope scope, String roots, String extra) {
        FileSystemView view = Harness.view(root);
        McpClient client = McpClient.guess(file);
        McpConfigFile config = McpConfigReader.fromDocument(
                JsonReader.parse(FS.formatted(roots, extra), file, client.dialect()), client, scope);
        return Harness.run(new FilesystemScopeCheck(), Harness.context(view, Map.of(), config).build());
    }

    @Test
    void relativeRootsOfProjectConfigsResolveInTheProjectFolder() {
        // the auditor's working directory is root/home/app; the project is elsewhere
        Path project = root.resolve("work/site");
        assertThat(run(project.resolve(".mcp.json"), ConfigScope.PROJECT, "\".\", \"./src\"", "")).isEmpty();
        assertThat(run(project.resolve(".cursor/mcp.json"), ConfigScope.PROJECT, "\"./src\"", "")).isEmpty();
        // ".." from a project folder directly in the home is the whole home
        Path inHome = root.resolve("home/site");
        assertThat(run(inHome.resolve(".cursor/mcp.json"), ConfigScope.PROJECT, "\"..\"", ""))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("MCP-FS-002");
                    assertThat(f.message()).contains("relative to the project folder ~/site");
                });
    }

    @Test
    void dotInClaudeDesktopIsTheWholeDiskBecauseItStartsServersInTheRoot() {
        Path desktop = root.resolve("home/.config/Claude/claude_desktop_config.json");
        assertThat(run(desktop, ConfigScope.USER, "\".\"", "")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-FS-001");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("Claude Desktop starts servers in /");
        });
        // an absolute cwd of the entry wins
        Path projects = root.resolve("work");
        assertThat(run(desktop, ConfigScope.USER, "\".\"", ", \"cwd\": \"" + projects + "\"")).isEmpty();
    }

    @Test
    void homesOfOtherUsersAreRecognisedByTheirShape() {
        Path file = root.resolve("home/.claude.json");
        assertThat(run(file, ConfigScope.USER, "\"/Users/alice\", \"/home/bob/\", \"/home\"", ""))
                .extracting(Finding::ruleId).containsExactly("MCP-FS-002", "MCP-FS-002", "MCP-FS-002");
        assertThat(run(file, ConfigScope.USER, "\"/Users/alice/.ssh\", \"/home/bob/.aws/credentials\"", ""))
                .extracting(Finding::ruleId).containsExactly("MCP-FS-003", "MCP-FS-003");
        assertThat(run(file, ConfigScope.USER, "\"/Users/alice/projects/app\"", "")).isEmpty();
        assertThat(run(file, ConfigScope.USER, "\"/home/bob/src\"", "")).isEmpty();
    }

    @Test
    void aDataDriveIsAWholeDriveNotSystemFiles() {
        Path file = root.resolve("home/.cursor/mcp.json");
        assertThat(run(file, ConfigScope.USER, "\"D:\\\\\", \"E:/\"", "")).allSatisfy(f -> {
            assertThat(f.title()).isEqualTo("Filesystem access to a whole drive");
            assertThat(f.message()).contains("every file on that drive").doesNotContain("system");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        }).hasSize(2);
        assertThat(run(file, ConfigScope.USER, "\"C:\\\\\"", "")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("system files"));
    }

    @Test
    void supabasePoolerUserIsTheAdministrator() {
        assertThat(DatabaseUserCheck.isSuperuser("postgres.abcdefghijklmnopqrst")).isTrue();
        assertThat(DatabaseUserCheck.isSuperuser("POSTGRES")).isTrue();
        assertThat(DatabaseUserCheck.isSuperuser("app_reader.abcdefghijklmnopqrst")).isFalse();
        String cfg = "{\"mcpServers\": {\"supabase\": {\"command\": \"npx\", \"args\": [\"-y\","
                + " \"@modelcontextprotocol/server-postgres\", \"postgresql://postgres.abcdefghijklmnopqrst@"
                + "aws-0-eu-central-1.pooler.supabase.com:6543/postgres\"]}}}";
        assertThat(Harness.runOn(new DatabaseUserCheck(), cfg)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("a superuser account"));
    }

    @Test
    void configsOfNoKnownClientAreNotCalledConfigConfig() {
        assertThat(McpClient.GENERIC.configName()).isEqualTo("MCP config");
        assertThat(McpClient.CURSOR.configName()).isEqualTo("Cursor config");
    }

    private List<Finding> unresolved(String path, String json, Map<String, String> env) {
        McpConfigFile config = Harness.config(Path.of(path), json);
        return Harness.run(new UnresolvedReferenceCheck(), Harness.context(Harness.view(root), env, config).build());
    }

    @Test
    void templatePlaceholdersAreNeitherSecretsNorUnsetVariables() {
        String cfg = "{\"mcpServers\": {\"s\": {\"command\": \"npx\", \"args\": [\"-y\", \"some-server\"], \"env\": {"
                + "\"API_KEY\": \"{{api_key}}\", \"TOKEN\": \"%GITHUB_TOKEN%\", \"SECRET\": \"<your-api-key>\","
                + " \"PASSWORD\": \"<PASSWORD>\"}}}}";
        assertThat(Harness.runOn(new PlaintextSecretCheck(), cfg)).isEmpty();
        assertThat(Harness.runOn(new UnresolvedReferenceCheck(), cfg)).isEmpty();
        // a value that merely contains such characters is still a value
        assertThat(References.substitutions("Hunter%pw%2")).isEmpty();
        assertThat(References.substitutions("a<b>c")).isEmpty();
    }

    @Test
    void editorVariablesAreFilledByTheEditorAndPlainBracesAreNot() {
        String vscode = "{\"servers\": {\"fs\": {\"command\": \"npx\", \"args\": [\"-y\", \"srv\","
                + " \"${workspaceFolder}\", \"${userHome}/notes\", \"${env:GITHUB_TOKEN}\"]}}}";
        assertThat(unresolved("/p/.vscode/mcp.json", vscode, Map.of("GITHUB_TOKEN", "x"))).isEmpty();
        String cursor = "{\"mcpServers\": {\"gh\": {\"command\": \"npx\", \"args\": [\"-y\", \"srv\"],"
                + " \"env\": {\"GITHUB_TOKEN\": \"${GITHUB_TOKEN}\", \"ROOT\": \"${workspaceFolder}\"}}}}";
        assertThat(unresolved("/p/.cursor/mcp.json", cursor, Map.of("GITHUB_TOKEN", "x"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("Cursor fills only ${env:GITHUB_TOKEN}")
                            .doesNotContain("empty value");
                    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                });
    }

    @Test
    void processEnvSyntaxIsNeverExpanded() {
        String gemini = "{\"mcpServers\": {\"gh\": {\"command\": \"npx\", \"args\": [\"-y\", \"srv\"],"
                + " \"env\": {\"GITHUB_TOKEN\": \"${process.env.GITHUB_TOKEN}\", \"OTHER\": \"$HOME_TOKEN\"}}}}";
        assertThat(unresolved("/p/.gemini/settings.json", gemini, Map.of("HOME_TOKEN", "x"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("refers to ${process.env.GITHUB_TOKEN}")
                        .contains("no MCP client expands"));
    }

    @Test
    void aVariableTheEntrySetsItselfReachesTheLauncher() {
        String remote = "{\"mcpServers\": {\"notion\": {\"command\": \"npx\", \"args\": [\"-y\", \"mcp-remote\","
                + " \"https://mcp.notion.com/mcp\", \"--header\", \"Authorization:${AUTH_HEADER}\"],"
                + " \"env\": {\"AUTH_HEADER\": \"Bearer ${NOTION_TOKEN}\"}}}}";
        assertThat(unresolved("/h/.claude.json", remote, Map.of("NOTION_TOKEN", "x"))).isEmpty();
        assertThat(unresolved("/h/.claude.json", remote, Map.of())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("${NOTION_TOKEN}"));
    }

    @Test
    void unsetVariablesDependOnTheAuditingMachineAndAreLowInCi() {
        String cfg = "{\"mcpServers\": {\"gh\": {\"command\": \"npx\", \"args\": [\"-y\", \"srv\"],"
                + " \"env\": {\"GITHUB_TOKEN\": \"${GITHUB_TOKEN}\"}}}}";
        assertThat(unresolved("/p/.mcp.json", cfg, Map.of())).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("environment of this audit").contains("may differ");
        });
        assertThat(unresolved("/p/.mcp.json", cfg, Map.of("CI", "true"))).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
        assertThat(unresolved("/p/.mcp.json", cfg, Map.of("CI", "true", UnresolvedReferenceCheck.SEVERITY_SWITCH,
                "medium"))).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(unresolved("/p/.mcp.json", cfg, Map.of(UnresolvedReferenceCheck.SEVERITY_SWITCH, "low")))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void claudeCodeHasNoInputs() {
        String cfg = "{\"mcpServers\": {\"gh\": {\"command\": \"npx\", \"args\": [\"-y\", \"srv\"],"
                + " \"env\": {\"GITHUB_TOKEN\": \"${input:token}\"}}}}";
        assertThat(unresolved("/p/.mcp.json", cfg, Map.of())).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("Claude Code has no \"inputs\"");
            assertThat(f.remediation()).doesNotContain("\"inputs\"");
        });
    }

    @Test
    void unrestrictedShellsContainersWithoutIsolationAndBypassedPermissionsAreReported() {
        String cfg = "{\"preferences\": {\"bypassPermissionsModeEnabled\": true}, \"mcpServers\": {"
                + "\"dc\": {\"command\": \"npx\", \"args\": [\"-y\", \"@wonderwhy-er/desktop-commander@latest\"]},"
                + "\"gh\": {\"command\": \"docker\", \"args\": [\"run\", \"-i\", \"--rm\", \"--network\", \"host\","
                + " \"--privileged\", \"-v\", \"/var/run/docker.sock:/var/run/docker.sock\", \"ghcr.io/github/github-mcp-server\"]},"
                + "\"ok\": {\"command\": \"docker\", \"args\": [\"run\", \"-i\", \"--rm\", \"-p\", \"8080:8080\","
                + " \"mcp/fetch\"]}}}";
        List<Finding> findings = Harness.runOn(new ServerPowerCheck(), cfg);
        assertThat(findings).extracting(Finding::ruleId).containsExactly("MCP-EXEC-003", "MCP-EXEC-001",
                "MCP-EXEC-002", "MCP-EXEC-002", "MCP-EXEC-002");
        assertThat(findings.get(1).message()).contains("@wonderwhy-er/desktop-commander");
        assertThat(findings.get(2).message()).contains("--network host");
        assertThat(Harness.runOn(new ServerPowerCheck(), cfg.replace("true}", "false}")))
                .extracting(Finding::ruleId).doesNotContain("MCP-EXEC-003");
        assertThat(ServerPowerCheck.packageName("C:\\tools\\desktop-commander.exe")).isEqualTo("desktop-commander");
    }
}
