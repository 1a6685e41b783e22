package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live probe: asks the GitHub API which scopes each GitHub token of the configured servers holds.
 *
 * <ul>
 *   <li>{@code MCP-LIVE-GH-001}: a dangerous scope ({@code admin:org}, {@code delete_repo}, ...).</li>
 *   <li>{@code MCP-LIVE-GH-002}: a scope beyond the allowed ones.</li>
 *   <li>{@code MCP-LIVE-GH-003}: the token never expires.</li>
 *   <li>{@code MCP-LIVE-GH-004}: a fine-grained (or app) token: its permissions are not visible.</li>
 *   <li>{@code MCP-LIVE-GH-005}: GitHub rejects the token (revoked, expired or invalid).</li>
 *   <li>{@code MCP-LIVE-GH-006}: the token could not be checked.</li>
 * </ul>
 * The API base URL is the user's ({@link LiveProbeSettings#githubApiUrl()}), never a config's.
 */
public final class GitHubTokenScopeCheck extends LiveProbeCheck {
    static final String DANGEROUS = "MCP-LIVE-GH-001";
    static final String EXTRA = "MCP-LIVE-GH-002";
    static final String NO_EXPIRY = "MCP-LIVE-GH-003";
    static final String OPAQUE = "MCP-LIVE-GH-004";
    static final String REJECTED = "MCP-LIVE-GH-005";
    static final String NOT_CHECKED = "MCP-LIVE-GH-006";
    /** Scopes that can delete, administer or impersonate; never needed by an MCP server. */
    static final Set<String> DANGEROUS_SCOPES = Set.of("admin:org", "delete_repo", "admin:repo_hook", "admin:org_hook",
            "admin:enterprise", "admin:public_key", "admin:gpg_key", "delete:packages", "site_admin");
    private static final String CREATE_TOKEN = "Create a fine-grained token limited to the repositories the server "
            + "needs (Settings > Developer settings > Personal access tokens), with an expiry, and revoke this one.";

    private final Clock clock;

    /** The check with the system clock. */
    public GitHubTokenScopeCheck() {
        this(Clock.systemUTC());
    }

    GitHubTokenScopeCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return DANGEROUS;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(DANGEROUS, EXTRA, NO_EXPIRY, OPAQUE, REJECTED, NOT_CHECKED);
    }

    @Override
    public String description() {
        return "GitHub tokens with dangerous or unneeded scopes, no expiry, or revoked (asks the GitHub API)";
    }

    @Override
    List<Finding> probe(PolicyContext context, LiveProbeSettings settings) {
        GitHubApi api = new GitHubApi(settings.githubApiUrl(), settings.timeout(), clock);
        Map<String, GitHubApi.Answer> answers = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (GitHubTokenSources.Source source : GitHubTokenSources.find(context)) {
            ProbeTarget target = source.target();
            CredentialValue.Outcome outcome = CredentialValue.resolve(context, source.written(), target.location());
            if (outcome.secret().isEmpty()) {
                findings.add(notChecked(target, outcome.problem().orElse("the token could not be had"),
                        outcome.remediation("Make the token available to this audit (set the variable or unlock the "
                                + "secret store), then run it again.")));
                continue;
            }
            Secret token = outcome.secret().get();
            try {
                String key = context.fingerprinter().fingerprint(token);
                GitHubApi.Answer answer = answers.get(key);
                if (answer == null) {
                    answer = api.probe(token);
                    answers.put(key, answer);
                }
                findings.addAll(evaluate(target, token, answer, settings));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                findings.add(notChecked(target, "the audit was stopped at its deadline",
                        "Run the audit again with a longer time limit."));
                break;
            } finally {
                token.destroy();
            }
        }
        return findings;
    }

    private List<Finding> evaluate(ProbeTarget target, Secret token, GitHubApi.Answer answer,
            LiveProbeSettings settings) {
        List<Finding> out = new ArrayList<>();
        String what = target.describe();
        if (answer instanceof GitHubApi.Rejected r) {
            out.add(LiveFindings.of(REJECTED, Severity.HIGH, "GitHub token rejected", target, "rejected",
                    "GitHub rejects the token in " + what + " (HTTP 401, \"" + r.apiMessage() + "\"): it is revoked, "
                            + "expired or not a valid token, and the server cannot work with it",
                    "Remove the token from the config and store a new one in a secret store; if it was leaked, check "
                            + "the account's security log."));
        } else if (answer instanceof GitHubApi.RateLimited rl) {
            out.add(notChecked(target, "the GitHub API rate limit is exhausted"
                    + rl.retryAt().map(t -> " until " + t).orElse(""), "Run the audit again after the limit resets."));
        } else if (answer instanceof GitHubApi.Failed f) {
            out.add(notChecked(target, f.why(), "Check the network and the GitHub API URL ("
                    + LiveProbeSettings.GITHUB_API_URL + "), then run the audit again."));
        } else if (answer instanceof GitHubApi.Known k) {
            String login = k.login().map(l -> " (account " + l + ")").orElse("");
            if (k.scopes().isPresent()) {
                for (String scope : sorted(k.scopes().get())) {
                    if (DANGEROUS_SCOPES.contains(scope)) {
                        out.add(LiveFindings.of(DANGEROUS, Severity.HIGH, "GitHub token has a dangerous scope", target,
                                scope, "The token in " + what + login + " has the scope '" + scope + "', which lets "
                                        + "anyone driving the server administer or delete what the account owns",
                                CREATE_TOKEN));
                    } else if (!settings.allowedGithubScopes().contains(scope)) {
                        out.add(LiveFindings.of(EXTRA, Severity.LOW, "GitHub token has an unneeded scope", target,
                                scope, "The token in " + what + login + " has the scope '" + scope + "', beyond the "
                                        + "allowed " + sorted(settings.allowedGithubScopes()),
                                "Remove the scope from the token, or allow it with " + LiveProbeSettings.GITHUB_ALLOWED_SCOPES
                                        + " (mcp-secrets audit --github-scope) if the server needs it."));
                    }
                }
            } else {
                out.add(LiveFindings.of(OPAQUE, Severity.INFO, "GitHub token permissions not visible", target, "opaque",
                        "The token in " + what + " is a " + kind(token) + login + ": GitHub does not report its "
                                + "permissions, so they were not checked; "
                                + k.expiration().map(e -> "it expires " + e).orElse("it has no expiry"),
                        "Review the token's repository access and permissions on GitHub (Settings > Developer settings "
                                + "> Personal access tokens) and keep them to what the server needs."));
            }
            if (k.expiration().isEmpty() && !k.expirationUnreadable()) {
                out.add(LiveFindings.of(NO_EXPIRY, Severity.MEDIUM, "GitHub token never expires", target, "no-expiry",
                        "The token in " + what + login + " has no expiry: if it leaks, it works until someone notices",
                        "Create a replacement with an expiry (e.g. 90 days) and a reminder to rotate it, then revoke "
                                + "this one."));
            } else if (k.expiration().isPresent() && !k.expiration().get().isAfter(clock.instant())) {
                out.add(LiveFindings.of(REJECTED, Severity.HIGH, "GitHub token rejected", target, "rejected",
                        "The token in " + what + login + " expired at " + k.expiration().get(),
                        "Store a new token in a secret store and remove this one from the config."));
            }
        }
        return out;
    }

    private static String kind(Secret token) {
        char[] chars = token.revealChars();
        try {
            if (startsWith(chars, "github_pat_")) {
                return "fine-grained personal access token";
            }
            if (startsWith(chars, "ghs_")) {
                return "GitHub App installation token";
            }
            return startsWith(chars, "ghu_") ? "GitHub App user token" : "token without OAuth scopes";
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    private static boolean startsWith(char[] chars, String prefix) {
        if (chars.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (chars[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static Finding notChecked(ProbeTarget target, String why, String remediation) {
        return LiveFindings.of(NOT_CHECKED, Severity.MEDIUM, "GitHub token could not be checked", target, "not-checked",
                "The token in " + target.describe() + " could not be checked: " + why, remediation);
    }

    private static List<String> sorted(java.util.Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
