package dev.mcpsecrets.policy.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No password or token reaches a finding, a toString or an error description, whatever its characters. */
class LiveNoLeakPropertiesTest {

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(8).ofMaxLength(40)
                .filter(s -> !s.contains("\"") && !s.contains("\\"));
    }

    @Property(tries = 100)
    void connectionStringPasswordNeverShown(@ForAll("secrets") String password) throws Exception {
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:" + encoded + "@db.example.com/prod?sslmode=require");
        assertThat(url.password()).contains(password);
        assertThat(url.toString()).doesNotContain(password, encoded);

        List<Finding> findings = runDatabaseCheck("mysql://app:" + encoded + "@db.example.com:3306/prod?initSql=x");
        assertThat(LiveTestConfigs.summary(findings)).containsExactly("MCP-LIVE-DB-005 medium", "MCP-LIVE-DB-007 low",
                "MCP-LIVE-DB-006 medium");
        assertThat(LiveTestConfigs.allText(findings)).doesNotContain(password, encoded);
    }

    @Property(tries = 100)
    void driverErrorsAreScrubbed(@ForAll("secrets") String password) {
        SQLException e = new SQLException("FATAL: password authentication failed, got '" + password + "'", "28P01");
        String shown = DatabasePrivilegeCheck.SqlErrors.describe(e, password, Duration.ofSeconds(3));
        assertThat(shown).doesNotContain(password).contains("login failed", "28P01");
    }

    @Property(tries = 30)
    void unreachableApiFindingNeverShowsTheToken(@ForAll("secrets") String body) throws Exception {
        String token = "ghp_" + body;
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("live-noleak");
        try {
            McpConfigFile cfg = LiveTestConfigs.claudeDesktop(dir, LiveTestConfigs.server("github",
                    "@modelcontextprotocol/server-github", "\"GITHUB_TOKEN\": \"" + token + "\""));
            PolicyContext ctx = PolicyContext.builder().configs(List.of(cfg)).liveProbes(true, Set.of())
                    .settings(LiveProbeSettings.defaults().withGithubApiUrl(URI.create("http://127.0.0.1:" + closed))
                            .withTimeout(Duration.ofSeconds(2)))
                    .build();
            List<Finding> f = new GitHubTokenScopeCheck().run(ctx).toList();
            assertThat(LiveTestConfigs.summary(f)).containsExactly("MCP-LIVE-GH-006 medium");
            assertThat(LiveTestConfigs.allText(f)).doesNotContain(token, body);
        } finally {
            delete(dir);
        }
    }

    private static List<Finding> runDatabaseCheck(String url) throws IOException {
        Path dir = Files.createTempDirectory("live-noleak");
        try {
            McpConfigFile cfg = LiveTestConfigs.claudeDesktop(dir, "    \"db\": {\"command\": \"npx\", \"args\": [\""
                    + url + "\"]}");
            PolicyContext ctx = PolicyContext.builder().configs(List.of(cfg)).liveProbes(true, Set.of()).build();
            return new DatabasePrivilegeCheck().run(ctx).toList();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
