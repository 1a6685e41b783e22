package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --live} on a project config: the variables and secrets it names are resolved only after
 * {@code mcp-secrets trust}, so a cloned repository cannot make the audit send the user's secrets anywhere.
 */
class AuditLiveTrustTest {
    private static final String TOKEN = "ghp_UsersTokenInTheEnvironmentCCCCCCCCCCC";

    @TempDir
    Path tmp;
    private HttpServer github;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** GitHub's GET /user as the API documents it: the login, and the classic scopes in X-OAuth-Scopes. */
    @BeforeEach
    void startGitHub() throws IOException {
        github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext("/user", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            byte[] body = "{\"login\":\"octocat\"}".getBytes(StandardCharsets.UTF_8);
            if (("Bearer " + TOKEN).equals(auth)) {
                exchange.getResponseHeaders().add("X-OAuth-Scopes", "repo, admin:org");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(401, -1);
            }
            exchange.close();
        });
        github.start();
    }

    @AfterEach
    void stopGitHub() {
        github.stop(0);
    }

    private Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(TestEnvironment.of(tmp));
        env.put("MY_GH_TOKEN", TOKEN);
        return env;
    }

    private Path projectConfig() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("cloned-repo"));
        Path config = project.resolve(".mcp.json");
        Files.writeString(config, "{\"mcpServers\": {\"github\": {\"command\": \"npx\", \"args\": [\"-y\", "
                + "\"@modelcontextprotocol/server-github\"], \"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": "
                + "\"${MY_GH_TOKEN}\"}}}}\n");
        return config;
    }

    private CliRun auditLive(Path config) {
        return CliRun.of(env(), "audit", "--live", "--github-api-url", "http://127.0.0.1:" + github.getAddress().getPort(),
                "--live-timeout", "5", "--fail-on", "critical", config.toString());
    }

    @Test
    void anUntrustedProjectConfigDoesNotGetTheUsersTokenSentAnywhere() throws IOException {
        Path config = projectConfig();
        CliRun run = auditLive(config);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("MCP-LIVE-GH-006", "is a project config you have not trusted",
                "mcp-secrets trust " + config.toAbsolutePath().normalize()).doesNotContain(TOKEN);
        assertThat(authorizations).isEmpty();
    }

    @Test
    void onceTrustedItsPlaceholderIsResolvedAndTheTokenChecked() throws IOException {
        Path config = projectConfig();
        assertThat(CliRun.of(env(), "trust", config.toString()).exitCode()).isZero();
        CliRun run = auditLive(config);
        assertThat(run.out()).contains("MCP-LIVE-GH-001", "admin:org").doesNotContain("MCP-LIVE-GH-006")
                .doesNotContain(TOKEN);
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);

        Files.writeString(config, Files.readString(config).replace("server-github", "server-github@latest"));
        authorizations.clear();
        CliRun changed = auditLive(config);
        assertThat(changed.out()).as("an edit needs trusting again").contains("MCP-LIVE-GH-006");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void expectedScopesComeFromTheCommandLine() throws IOException {
        Path config = projectConfig();
        assertThat(CliRun.of(env(), "trust", config.toString()).exitCode()).isZero();
        CliRun defaults = auditLive(config);
        assertThat(defaults.out()).doesNotContain("MCP-LIVE-GH-002");
        CliRun narrower = CliRun.of(env(), "audit", "--live", "--github-api-url", "http://127.0.0.1:"
                + github.getAddress().getPort(), "--github-scope", "read:org", "--fail-on", "critical", config.toString());
        assertThat(narrower.out()).contains("MCP-LIVE-GH-002", "'repo'", "--github-scope");
    }

    @Test
    void badLiveSettingsAreUsageErrorsNamingTheOption() throws IOException {
        Path config = projectConfig();
        CliRun url = CliRun.of(env(), "audit", "--live", "--github-api-url", "http://github.example.com",
                config.toString());
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).contains("--github-api-url").contains("https");
        CliRun timeout = CliRun.of(env(), "audit", "--live", "--live-timeout", "0", config.toString());
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("--live-timeout");
    }
}
