package dev.mcpsecrets.policy.live;

import dev.mcpsecrets.policy.internal.Hosts;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The user's own settings for the live probes (GitHub token scopes, database privileges). They come
 * from the user's settings or the command line, never from an audited MCP config: a config may come
 * from a cloned repository and must not choose where a secret is sent.
 *
 * <p>Live probes run only when {@code PolicyContext.liveProbesAllowed()} is true; the hosts they may
 * contact besides loopback are {@code PolicyContext.allowedHosts()} (both set with
 * {@code PolicyContext.Builder.liveProbes(boolean, Set)}). A caller hands these settings over as they
 * are, with {@code PolicyContext.Builder.settings(settings)}; {@link #fromOptions(Map)} reads them from
 * string check options for callers that configure with text.
 *
 * @param githubApiUrl base URL of the GitHub REST API, e.g. {@code https://api.github.com} or
 *     {@code https://ghe.example.com/api/v3}; {@code https} unless the host is loopback
 * @param allowedGithubScopes classic token scopes that are expected; others are reported
 * @param allowedDatabasePrivileges database privileges that are expected (upper case, e.g.
 *     {@code SELECT}); others are reported
 * @param timeout deadline of one probe (one HTTP request, one database connection and its queries)
 * @since 0.1
 */
public record LiveProbeSettings(URI githubApiUrl, Set<String> allowedGithubScopes, Set<String> allowedDatabasePrivileges,
        Duration timeout) {

    /** Option key of {@link #githubApiUrl()}. */
    public static final String GITHUB_API_URL = "live.github.apiUrl";
    /** Option key of {@link #allowedGithubScopes()}, a comma-separated list. */
    public static final String GITHUB_ALLOWED_SCOPES = "live.github.allowedScopes";
    /** Option key of {@link #allowedDatabasePrivileges()}, a comma-separated list. */
    public static final String DATABASE_ALLOWED_PRIVILEGES = "live.database.allowedPrivileges";
    /** Option key of {@link #timeout()}, in ISO-8601 ({@code PT5S}) or whole seconds ({@code 5}). */
    public static final String TIMEOUT = "live.timeout";

    /** The public GitHub API. */
    public static final URI DEFAULT_GITHUB_API_URL = URI.create("https://api.github.com");
    /** The scopes the security guide recommends for a GitHub MCP server. */
    public static final Set<String> DEFAULT_GITHUB_SCOPES = Set.of("repo", "read:org", "workflow", "write:discussion");
    /** The privileges the security guide recommends for a database MCP server. */
    public static final Set<String> DEFAULT_DATABASE_PRIVILEGES = Set.of("SELECT", "INSERT", "UPDATE");
    /** Default deadline of one probe. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Validates and normalises the parts.
     *
     * @param githubApiUrl the API base URL
     * @param allowedGithubScopes the expected scopes
     * @param allowedDatabasePrivileges the expected privileges
     * @param timeout the per-probe deadline, positive
     * @throws IllegalArgumentException if the URL is not absolute http(s) without user info, query or
     *     fragment, is plain http to a host that is not loopback, or the timeout is not positive
     */
    public LiveProbeSettings {
        githubApiUrl = checkApiUrl(Objects.requireNonNull(githubApiUrl, "githubApiUrl"));
        allowedGithubScopes = allowedGithubScopes.stream().map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        allowedDatabasePrivileges = allowedDatabasePrivileges.stream().map(s -> s.strip().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT + " must be positive, got " + timeout);
        }
    }

    /**
     * The defaults: the public GitHub API, the guide's scopes and privileges, 10 seconds.
     *
     * @return the default settings
     */
    public static LiveProbeSettings defaults() {
        return new LiveProbeSettings(DEFAULT_GITHUB_API_URL, DEFAULT_GITHUB_SCOPES, DEFAULT_DATABASE_PRIVILEGES,
                DEFAULT_TIMEOUT);
    }

    /**
     * Reads the settings from string check options, for callers that configure checks with text (the
     * typed way is {@code PolicyContext.Builder.settings(settings)}); missing keys take the defaults.
     *
     * @param options check options, e.g. {@code PolicyContext.options()}
     * @return the settings
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    public static LiveProbeSettings fromOptions(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        LiveProbeSettings d = defaults();
        URI url = d.githubApiUrl();
        String urlText = options.get(GITHUB_API_URL);
        if (urlText != null) {
            try {
                url = new URI(urlText.strip());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(GITHUB_API_URL + " is not a URL: " + e.getReason(), e);
            }
        }
        return new LiveProbeSettings(url, list(options, GITHUB_ALLOWED_SCOPES, d.allowedGithubScopes()),
                list(options, DATABASE_ALLOWED_PRIVILEGES, d.allowedDatabasePrivileges()),
                duration(options.get(TIMEOUT), d.timeout()));
    }


    /**
     * These settings with another GitHub API base URL (e.g. from {@code --github-api-url}).
     *
     * @param url the base URL
     * @return new settings
     */
    public LiveProbeSettings withGithubApiUrl(URI url) {
        return new LiveProbeSettings(url, allowedGithubScopes, allowedDatabasePrivileges, timeout);
    }

    /**
     * These settings with another per-probe deadline.
     *
     * @param value the deadline
     * @return new settings
     */
    public LiveProbeSettings withTimeout(Duration value) {
        return new LiveProbeSettings(githubApiUrl, allowedGithubScopes, allowedDatabasePrivileges, value);
    }

    private static Set<String> list(Map<String, String> options, String key, Set<String> fallback) {
        String text = options.get(key);
        if (text == null) {
            return fallback;
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Duration duration(String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        String t = text.strip();
        try {
            return t.chars().allMatch(Character::isDigit) && !t.isEmpty() ? Duration.ofSeconds(Long.parseLong(t))
                    : Duration.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(TIMEOUT + " must be seconds (5) or ISO-8601 (PT5S)", e);
        }
    }

    private static URI checkApiUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            // not echoed: text that is no URL may hold a token (x-access-token:…@github.com)
            throw new IllegalArgumentException(GITHUB_API_URL + " must be an absolute https URL");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(GITHUB_API_URL + " must have no user, query or fragment: '"
                    + url.getScheme() + "://" + url.getHost() + "...'");
        }
        if (scheme.equals("http") && !Hosts.isLoopbackLiteral(url.getHost())) {
            throw new IllegalArgumentException(GITHUB_API_URL + " must use https (a token would cross the network in "
                    + "clear text): http://" + url.getHost() + "...");
        }
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }
}
