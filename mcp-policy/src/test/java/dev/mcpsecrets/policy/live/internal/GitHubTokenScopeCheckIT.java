package dev.mcpsecrets.policy.live.internal;

import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.allText;
import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubTokenScopeCheckIT {
    private static final String DANGEROUS = "ghp_Dang3rousScopesTokenAAAAAAAAAAAAAAA";
    private static final String CLEAN = "ghp_CleanScopesTokenBBBBBBBBBBBBBBBBBBBB";
    private static final String FINE = "github_pat_11AAAAAAA0FineGrainedCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
    private static final String EXPIRED = "ghp_ExpiredTokenDDDDDDDDDDDDDDDDDDDDDDDDD";
    private static final String REVOKED = "ghp_RevokedTokenEEEEEEEEEEEEEEEEEEEEEEEEE";
    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");

    @TempDir
    Path dir;
    private FakeGitHub github;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub();
        github.on(DANGEROUS, FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo, admin:org, delete_repo, gist",
                "X-Accepted-OAuth-Scopes", "")));
        github.on(CLEAN, FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo, read:org",
                "X-Accepted-OAuth-Scopes", "", "github-authentication-token-expiration", "2030-04-01 00:00:00 UTC")));
        github.on(FINE, FakeGitHub.user("octocat", Map.of("github-authentication-token-expiration",
                "2030-02-01 12:00:00 UTC")));
        github.on(EXPIRED, FakeGitHub.badCredentials());
        github.on(REVOKED, FakeGitHub.badCredentials());
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private List<Finding> run(String env, Map<String, String> environment) {
        return run(env, environment, null);
    }

    private List<Finding> run(String env, Map<String, String> environment, Secrets secrets) {
        PolicyContext ctx = PolicyContext.builder()
                .configs(List.of(LiveTestConfigs.claudeDesktop(dir, LiveTestConfigs.server("github",
                        "@modelcontextprotocol/server-github", env))))
                .environment(environment).secrets(secrets).liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withGithubApiUrl(github.url()).withTimeout(Duration.ofSeconds(5))
                        )
                .build();
        return new GitHubTokenScopeCheck(Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx).toList();
    }

    @Test
    void classicTokenWithDangerousScopesAndNoExpiry() {
        List<Finding> f = run("\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + DANGEROUS + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-001 high", "MCP-LIVE-GH-001 high", "MCP-LIVE-GH-002 low",
                "MCP-LIVE-GH-003 medium");
        assertThat(f.get(0).message()).contains("'admin:org'", "GITHUB_PERSONAL_ACCESS_TOKEN of server github", "octocat");
        assertThat(f.get(1).message()).contains("'delete_repo'");
        assertThat(f.get(2).message()).contains("'gist'");
        assertThat(f.get(0).location().jsonPointer()).isEqualTo("/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN");
        assertThat(github.authorizations()).containsExactly("Bearer " + DANGEROUS);
        assertThat(allText(f)).doesNotContain(DANGEROUS, DANGEROUS.substring(4));
    }

    @Test
    void classicTokenWithGuideScopesAndExpiryHasNoFinding() {
        assertThat(run("\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + CLEAN + "\"", Map.of())).isEmpty();
        assertThat(github.requests()).isEqualTo(1);
    }

    @Test
    void allowListComesFromSettings() {
        PolicyContext ctx = PolicyContext.builder()
                .configs(List.of(LiveTestConfigs.claudeDesktop(dir, LiveTestConfigs.server("github",
                        "@modelcontextprotocol/server-github", "\"GITHUB_TOKEN\": \"" + CLEAN + "\""))))
                .liveProbes(true, Set.of())
                .options(Map.of(LiveProbeSettings.GITHUB_API_URL, github.url().toString(),
                        LiveProbeSettings.GITHUB_ALLOWED_SCOPES, "repo"))
                .build();
        List<Finding> f = new GitHubTokenScopeCheck(Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx).toList();
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-002 low");
        assertThat(f.get(0).message()).contains("'read:org'", "[repo]");
    }

    @Test
    void fineGrainedTokenReportsOwnerAndExpiryNotAllGood() {
        List<Finding> f = run("\"GITHUB_TOKEN\": \"" + FINE + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-004 info");
        assertThat(f.get(0).message()).contains("fine-grained personal access token", "account octocat",
                "not checked", "expires 2030-02-01T12:00:00Z");
        assertThat(allText(f)).doesNotContain(FINE, FINE.substring(11, 40));
    }

    @Test
    void fineGrainedTokenWithoutExpiry() {
        github.on(FINE, FakeGitHub.user("octocat", Map.of()));
        List<Finding> f = run("\"GITHUB_TOKEN\": \"" + FINE + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-004 info", "MCP-LIVE-GH-003 medium");
        assertThat(f.get(0).message()).contains("it has no expiry");
    }

    @Test
    void expiredTokenIsRejectedByGitHub() {
        List<Finding> f = run("\"GITHUB_TOKEN\": \"" + EXPIRED + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-005 high");
        assertThat(f.get(0).message()).contains("HTTP 401", "Bad credentials", "revoked, expired");
        assertThat(allText(f)).doesNotContain(EXPIRED);
    }

    @Test
    void expiryInThePastIsReportedEvenIfTheApiStillAnswers() {
        github.on(CLEAN, FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo",
                "github-authentication-token-expiration", "2030-01-14 10:00:00 UTC")));
        List<Finding> f = run("\"GITHUB_TOKEN\": \"" + CLEAN + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-005 high");
        assertThat(f.get(0).message()).contains("expired at 2030-01-14T10:00:00Z");
    }

    @Test
    void revokedTokenFromPlaceholderAndEnvironment() {
        List<Finding> f = run("\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"${GITHUB_TOKEN}\"", Map.of("GITHUB_TOKEN", REVOKED));
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-005 high");
        assertThat(github.authorizations()).containsExactly("Bearer " + REVOKED);
    }

    @Test
    void referenceResolvesThroughSecrets() {
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(BuiltInProviders.environment())
                .environment(Map.of("MY_GH", DANGEROUS)).build()) {
            List<Finding> f = run("\"GITHUB_TOKEN\": \"env:MY_GH\"", Map.of(), secrets);
            assertThat(summary(f)).startsWith("MCP-LIVE-GH-001 high");
            assertThat(github.authorizations()).containsExactly("Bearer " + DANGEROUS);
        }
    }

    @Test
    void guideShellWrapperTokenFromTheEnvironment() {
        PolicyContext ctx = PolicyContext.builder()
                .configs(List.of(LiveTestConfigs.claudeDesktop(dir, "    \"github\": {\"command\": \"sh\", \"args\": "
                        + "[\"-c\", \"GITHUB_PERSONAL_ACCESS_TOKEN=$GITHUB_TOKEN npx -y @github/github-mcp-server\"]}")))
                .environment(Map.of("GITHUB_TOKEN", REVOKED)).liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withGithubApiUrl(github.url()))
                .build();
        List<Finding> f = new GitHubTokenScopeCheck(Clock.fixed(NOW, ZoneOffset.UTC)).run(ctx).toList();
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-005 high");
        assertThat(f.get(0).message()).contains("GITHUB_PERSONAL_ACCESS_TOKEN of server github");
        assertThat(github.authorizations()).containsExactly("Bearer " + REVOKED);
    }

    @Test
    void unsetVariableIsCouldNotCheckNotAPass() {
        List<Finding> f = run("\"GITHUB_TOKEN\": \"${GITHUB_TOKEN}\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-006 medium");
        assertThat(f.get(0).message()).contains("environment variable GITHUB_TOKEN is not set");
        assertThat(github.requests()).isZero();
    }

    @Test
    void sameTokenInTwoPlacesIsProbedOnce() {
        List<Finding> f = run("\"GITHUB_TOKEN\": \"" + REVOKED + "\", \"GH_TOKEN\": \"" + REVOKED + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-005 high", "MCP-LIVE-GH-005 high");
        assertThat(f.get(0).fingerprint()).isNotEqualTo(f.get(1).fingerprint());
        assertThat(github.requests()).isEqualTo(1);
    }

    @Test
    void shortRateLimitIsWaitedForThenChecked() {
        github.on(DANGEROUS, n -> n == 1
                ? new FakeGitHub.Reply(429, Map.of("retry-after", "1", "x-ratelimit-remaining", "0"), "{\"message\":\"slow down\"}")
                : FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "delete_repo",
                        "github-authentication-token-expiration", "2030-04-01 00:00:00 UTC")));
        List<Finding> f = run("\"GITHUB_TOKEN\": \"" + DANGEROUS + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-001 high");
        assertThat(github.requests()).isEqualTo(2);
    }

    @Test
    void longRateLimitIsCouldNotCheck() {
        long reset = NOW.plus(Duration.ofMinutes(30)).getEpochSecond();
        github.on(DANGEROUS, new FakeGitHub.Reply(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
                String.valueOf(reset)), "{\"message\":\"API rate limit exceeded\"}"));
        List<Finding> f = run("\"GITHUB_TOKEN\": \"" + DANGEROUS + "\"", Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-006 medium");
        assertThat(f.get(0).message()).contains("rate limit", "2030-01-15T10:30:00Z");
        assertThat(github.requests()).isEqualTo(1);
    }

    @Test
    void slowApiIsCouldNotCheckAtTheDeadline() {
        github.on(CLEAN, n -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo"));
        });
        PolicyContext ctx = PolicyContext.builder()
                .configs(List.of(LiveTestConfigs.claudeDesktop(dir, LiveTestConfigs.server("github",
                        "@modelcontextprotocol/server-github", "\"GITHUB_TOKEN\": \"" + CLEAN + "\""))))
                .liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withGithubApiUrl(github.url()).withTimeout(Duration.ofSeconds(1))
                        )
                .build();
        long start = System.nanoTime();
        List<Finding> f = new GitHubTokenScopeCheck().run(ctx).toList();
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-006 medium");
        assertThat(f.get(0).message()).contains("no answer from " + github.url() + " within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2400));
    }

    @Test
    void configCannotChooseTheApiUrl() throws Exception {
        try (FakeGitHub decoy = new FakeGitHub()) {
            List<Finding> f = run("\"GITHUB_TOKEN\": \"" + CLEAN + "\", \"GITHUB_API_URL\": \"" + decoy.url()
                    + "\", \"GITHUB_HOST\": \"" + decoy.url() + "\"", Map.of());
            assertThat(f).isEmpty();
            assertThat(decoy.requests()).isZero();
            assertThat(github.requests()).isEqualTo(1);
        }
    }

    @Test
    void unreachableApiIsCouldNotCheck() throws Exception {
        java.net.URI gone;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            gone = java.net.URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        PolicyContext ctx = PolicyContext.builder()
                .configs(List.of(LiveTestConfigs.claudeDesktop(dir, LiveTestConfigs.server("github",
                        "@modelcontextprotocol/server-github", "\"GITHUB_TOKEN\": \"" + CLEAN + "\""))))
                .liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withGithubApiUrl(gone).withTimeout(Duration.ofSeconds(2)))
                .build();
        List<Finding> f = new GitHubTokenScopeCheck().run(ctx).toList();
        assertThat(summary(f)).containsExactly("MCP-LIVE-GH-006 medium");
        assertThat(allText(f)).doesNotContain(CLEAN);
    }
}
