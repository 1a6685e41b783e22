package dev.mcpsecrets.policy.live.internal;

import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.allText;
import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project config arrives with a repository: until the user trusts it, live probes never resolve the
 * variables and secrets it names, so a cloned repository cannot choose which of the user's secrets a
 * probe sends to GitHub or to a database port on this machine.
 */
class UntrustedProjectConfigIT {
    private static final String USERS_TOKEN = "ghp_UsersOwnTokenFromTheEnvironmentAAAAA";
    private static final String WRITTEN_TOKEN = "ghp_WrittenInTheProjectConfigBBBBBBBBBBB";

    @TempDir
    Path dir;
    private FakeGitHub github;

    @BeforeEach
    void start() throws IOException {
        github = new FakeGitHub();
        github.on(USERS_TOKEN, FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo, admin:org")));
        github.on(WRITTEN_TOKEN, FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo, delete_repo")));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private McpConfigFile projectConfig(String servers) throws IOException {
        Path file = dir.resolve(".mcp.json");
        Files.writeString(file, "{\n  \"mcpServers\": {\n" + servers + "\n  }\n}\n");
        return McpConfigReader.read(file, McpClient.CLAUDE_CODE, ConfigScope.PROJECT);
    }

    private PolicyContext.Builder context(McpConfigFile config) {
        return PolicyContext.builder().configs(List.of(config)).liveProbes(true, Set.of())
                .environment(Map.of("MY_TOKEN", USERS_TOKEN, "DB_PASSWORD", "users-db-password"))
                .settings(LiveProbeSettings.defaults().withGithubApiUrl(github.url()).withTimeout(Duration.ofSeconds(3))
                        );
    }

    private static String github(String value) {
        return LiveTestConfigs.server("github", "@modelcontextprotocol/server-github",
                "\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + value + "\"");
    }

    @Test
    void aPlaceholderInAnUntrustedProjectConfigIsNotResolvedAndNothingIsSent() throws IOException {
        McpConfigFile config = projectConfig(github("${MY_TOKEN}"));
        List<Finding> f = new GitHubTokenScopeCheck().run(context(config).build()).toList();
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-006 medium");
        assertThat(f.get(0).message()).contains(config.path() + " is a project config you have not trusted");
        assertThat(f.get(0).remediation()).contains("mcp-secrets trust " + config.path());
        assertThat(github.requests()).isZero();
        assertThat(allText(f)).doesNotContain(USERS_TOKEN);
    }

    @Test
    void theSamePlaceholderIsResolvedOnceTheUserTrustsTheFile() throws IOException {
        McpConfigFile config = projectConfig(github("${MY_TOKEN}"));
        List<Finding> f = new GitHubTokenScopeCheck().run(context(config).trustedConfigs(List.of(config.path())).build())
                .toList();
        assertThat(summary(f)).contains("MCP-LIVE-GH-001 high");
        assertThat(github.authorizations()).containsExactly("Bearer " + USERS_TOKEN);
    }

    @Test
    void aSecretReferenceInAnUntrustedProjectConfigIsNotResolved() throws IOException {
        McpConfigFile config = projectConfig(github("env:MY_TOKEN"));
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(BuiltInProviders.environment())
                .environment(Map.of("MY_TOKEN", USERS_TOKEN)).build()) {
            List<Finding> f = new GitHubTokenScopeCheck().run(context(config).secrets(secrets).build()).toList();
            assertThat(summary(f)).containsExactly("MCP-LIVE-GH-006 medium");
            assertThat(f.get(0).message()).contains("not trusted");
            assertThat(github.requests()).isZero();
        }
    }

    @Test
    void aTokenWrittenInTheProjectConfigItselfIsStillChecked() throws IOException {
        McpConfigFile config = projectConfig(github(WRITTEN_TOKEN));
        List<Finding> f = new GitHubTokenScopeCheck().run(context(config).build()).toList();
        assertThat(summary(f)).contains("MCP-LIVE-GH-001 high");
        assertThat(github.authorizations()).containsExactly("Bearer " + WRITTEN_TOKEN);
    }

    @Test
    void aDatabasePasswordNamedByAnUntrustedProjectConfigNeverReachesTheDatabasePort() throws Exception {
        try (CountingSocket socket = new CountingSocket(InetAddress.getLoopbackAddress())) {
            McpConfigFile config = projectConfig(LiveTestConfigs.server("mysql", "@benborla29/mcp-server-mysql",
                    "\"MYSQL_HOST\": \"127.0.0.1\", \"MYSQL_PORT\": \"" + socket.port() + "\", \"MYSQL_USER\": \"app\", "
                            + "\"MYSQL_PASSWORD\": \"${DB_PASSWORD}\"") + ",\n"
                    + LiveTestConfigs.server("postgres", "@modelcontextprotocol/server-postgres",
                            "\"DATABASE_URL\": \"${DB_PASSWORD}\""));
            List<Finding> f = new DatabasePrivilegeCheck().run(context(config).build()).toList();
            assertThat(summary(f)).containsExactly("MCP-LIVE-DB-006 medium", "MCP-LIVE-DB-006 medium");
            assertThat(f).allSatisfy(finding -> {
                assertThat(finding.message()).contains("is a project config you have not trusted");
                assertThat(finding.remediation()).contains("mcp-secrets trust " + config.path());
            });
            assertThat(socket.accepted()).isZero();
            assertThat(allText(f)).doesNotContain("users-db-password");
        }
    }

    @Test
    void whatMayBeResolvedDependsOnWhereTheValueIsWritten() throws IOException {
        McpConfigFile project = projectConfig(github("${MY_TOKEN}"));
        Path userFile = dir.resolve("claude_desktop_config.json");
        Files.writeString(userFile, "{\"mcpServers\": {}}");
        McpConfigFile user = McpConfigReader.read(userFile, McpClient.CLAUDE_DESKTOP, ConfigScope.USER);
        PolicyContext ctx = PolicyContext.builder().configs(List.of(project, user)).build();
        assertThat(ctx.mayResolveNamedValuesAt(Location.NONE)).as("the server's own declaration").isTrue();
        assertThat(ctx.mayResolveNamedValuesAt(new Location(userFile, 1, 1, ""))).as("a user-level config").isTrue();
        assertThat(ctx.mayResolveNamedValuesAt(new Location(project.path(), 1, 1, ""))).as("an untrusted project")
                .isFalse();
        assertThat(ctx.mayResolveNamedValuesAt(new Location(dir.resolve("elsewhere.json"), 1, 1, "")))
                .as("a file that is no config of this audit").isFalse();
        PolicyContext trusting = ctx.toBuilder().trustedConfigs(List.of(dir.resolve("./.mcp.json"))).build();
        assertThat(trusting.mayResolveNamedValuesAt(new Location(project.path(), 1, 1, ""))).isTrue();
    }
}
