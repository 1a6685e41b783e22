package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import dev.mcpsecrets.tck.policy.PolicyCheckContract;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The policy TCK contract for {@link GitHubTokenScopeCheck}, with live probes on against a fake GitHub API. */
class GitHubTokenScopeCheckContractIT extends PolicyCheckContract {
    private static final String DANGEROUS = "ghp_ContractDangerous0123456789abcdefAB";
    private static final String FINE = "github_pat_11ContractFineGrained0123456789abcdefABCDEFGHIJ";
    private static final String REVOKED = "ghp_ContractRevoked0123456789abcdefABCDE";
    private static FakeGitHub github;

    @BeforeAll
    static void start() throws IOException {
        github = new FakeGitHub();
        github.on(DANGEROUS, FakeGitHub.user("octocat", Map.of("X-OAuth-Scopes", "repo, admin:org, gist")));
        github.on(FINE, FakeGitHub.user("octocat", Map.of("github-authentication-token-expiration",
                "2099-01-01 00:00:00 UTC")));
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    @Override
    protected PolicyCheck createCheck() {
        return new GitHubTokenScopeCheck();
    }

    @Override
    protected List<PolicyContext> contexts(Path dir) throws IOException {
        Path home = dir.resolve("a");
        write(home.resolve("home/.config/Claude/claude_desktop_config.json"), "{\"mcpServers\": {"
                + "\"gh\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"], "
                + "\"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + DANGEROUS + "\", \"GH_TOKEN\": \"" + REVOKED + "\"}},"
                + "\"remote\": {\"url\": \"https://api.githubcopilot.com/mcp/\", \"headers\": {\"Authorization\": "
                + "\"Bearer " + FINE + "\"}}}}");
        PolicyContext ctx = contextIn(home).toBuilder().liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withGithubApiUrl(github.url()).withTimeout(Duration.ofSeconds(3))
                        )
                .build();
        return List.of(ctx, contextIn(home));
    }

    @Override
    protected List<String> plantedSecrets() {
        return List.of(DANGEROUS, FINE, REVOKED);
    }
}
