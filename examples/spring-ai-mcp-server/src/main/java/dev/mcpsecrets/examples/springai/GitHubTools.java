package dev.mcpsecrets.examples.springai;

import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.stereotype.Component;

/**
 * The server's MCP tools. They use the token and describe it by kind and length, never by its characters.
 *
 * @since 0.1
 */
@Component
public class GitHubTools {
    private final GitHubSettings settings;

    /**
     * Created by Spring.
     *
     * @param settings the GitHub settings with the resolved token
     */
    public GitHubTools(GitHubSettings settings) {
        this.settings = settings;
    }

    /**
     * Whether the server holds a GitHub token, its kind and length.
     *
     * @return one sentence
     */
    @McpTool(name = "github_token_status",
            description = "Says whether this server has a GitHub token, and its kind and length (never its characters).")
    public String tokenStatus() {
        String token = settings.token();
        if (token == null || token.isBlank()) {
            return "no GitHub token configured";
        }
        return "GitHub token configured: " + kind(token) + ", " + token.length() + " characters, for " + settings.apiUrl();
    }

    private static String kind(String token) {
        if (token.startsWith("github_pat_")) {
            return "fine-grained personal access token";
        }
        if (token.startsWith("ghp_")) {
            return "classic personal access token";
        }
        if (token.startsWith("ghs_")) {
            return "GitHub App installation token";
        }
        return "unrecognised kind";
    }
}
