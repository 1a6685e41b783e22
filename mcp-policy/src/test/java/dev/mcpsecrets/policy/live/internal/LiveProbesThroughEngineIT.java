package dev.mcpsecrets.policy.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.engine.CheckRun;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyEngine;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live checks as the engine discovers and runs them: skipped when off, with rule help when on. */
class LiveProbesThroughEngineIT {
    private static final String TOKEN = "ghp_EngineRunTokenAAAAAAAAAAAAAAAAAAAAAAA";

    @TempDir
    java.nio.file.Path dir;

    @Test
    void discoveredSkippedWhenOffAndReportedWithHelpWhenOn() throws Exception {
        try (FakeGitHub github = new FakeGitHub();
                CountingSocket db = new CountingSocket(InetAddress.getLoopbackAddress())) {
            github.on(TOKEN, FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo, delete_repo")));
            String servers = LiveTestConfigs.server("github", "@modelcontextprotocol/server-github",
                    "\"GITHUB_TOKEN\": \"" + TOKEN + "\"") + ",\n"
                    + LiveTestConfigs.server("pg", "@modelcontextprotocol/server-postgres",
                            "\"DATABASE_URL\": \"postgresql://app@127.0.0.1:" + db.port() + "/db\"");
            PolicyContext.Builder ctx = PolicyContext.builder()
                    .configs(List.of(LiveTestConfigs.claudeDesktop(dir, servers)))
                    .settings(LiveProbeSettings.defaults().withGithubApiUrl(github.url())
                            .withTimeout(Duration.ofSeconds(2)));
            PolicyEngine engine = PolicyEngine.builder().build();
            assertThat(engine.checks()).extracting(c -> c.getClass().getSimpleName())
                    .contains("GitHubTokenScopeCheck", "DatabasePrivilegeCheck");

            PolicyReport off = engine.run(ctx.build());
            assertThat(off.checks()).filteredOn(r -> r.checkId().startsWith("MCP-LIVE-"))
                    .extracting(CheckRun::status).containsOnly(CheckRun.Status.SKIPPED).hasSize(2);
            assertThat(off.findings()).noneMatch(f -> f.ruleId().startsWith("MCP-LIVE-"));
            assertThat(github.requests()).isZero();
            assertThat(db.accepted()).isZero();

            PolicyReport on = engine.run(ctx.liveProbes(true, Set.of()).build());
            List<Finding> live = on.findings().stream().filter(f -> f.ruleId().startsWith("MCP-LIVE-")).toList();
            assertThat(live).extracting(Finding::ruleId).containsExactlyInAnyOrder("MCP-LIVE-GH-001", "MCP-LIVE-GH-003",
                    "MCP-LIVE-DB-006");
            assertThat(live).allSatisfy(f -> assertThat(f.help()).startsWith("# " + f.ruleId() + ": "));
            assertThat(github.requests()).isEqualTo(1);
            assertThat(db.accepted()).isEqualTo(1);
        }
    }
}
