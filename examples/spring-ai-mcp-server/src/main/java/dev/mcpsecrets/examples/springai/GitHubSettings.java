package dev.mcpsecrets.examples.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's GitHub settings; {@code token} is written as a {@code secret:} reference.
 *
 * @param token the GitHub token, resolved at startup
 * @param apiUrl the GitHub API address
 * @since 0.1
 */
@ConfigurationProperties("example.github")
public record GitHubSettings(String token, String apiUrl) {
    /**
     * Keeps the token out of logs and error messages that print the settings.
     *
     * @return the settings without the token
     */
    @Override
    public String toString() {
        return "GitHubSettings[token=****, apiUrl=" + apiUrl + "]";
    }
}
