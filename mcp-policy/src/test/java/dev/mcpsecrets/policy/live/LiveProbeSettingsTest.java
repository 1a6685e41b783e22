package dev.mcpsecrets.policy.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveProbeSettingsTest {
    @Test
    void defaultsComeFromTheGuide() {
        LiveProbeSettings d = LiveProbeSettings.fromOptions(Map.of());
        assertThat(d.githubApiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(d.allowedGithubScopes()).containsExactlyInAnyOrder("repo", "read:org", "workflow", "write:discussion");
        assertThat(d.allowedDatabasePrivileges()).containsExactlyInAnyOrder("SELECT", "INSERT", "UPDATE");
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void optionsRoundTrip() {
        LiveProbeSettings s = new LiveProbeSettings(URI.create("https://ghe.example.com/api/v3/"), java.util.Set.of("Repo"),
                java.util.Set.of("select", " delete "), Duration.ofSeconds(3));
        assertThat(s.githubApiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(s.allowedDatabasePrivileges()).containsExactlyInAnyOrder("SELECT", "DELETE");
        assertThat(dev.mcpsecrets.policy.PolicyContext.builder().settings(s).build().settings(LiveProbeSettings.class))
                .contains(s);
        assertThat(LiveProbeSettings.fromOptions(Map.of(LiveProbeSettings.TIMEOUT, "7")).timeout())
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void plainHttpOnlyToLoopbackAndNoCredentialsInTheUrl() {
        assertThat(LiveProbeSettings.defaults().withGithubApiUrl(URI.create("http://127.0.0.1:8080")).githubApiUrl())
                .hasHost("127.0.0.1");
        assertThatThrownBy(() -> LiveProbeSettings.defaults().withGithubApiUrl(URI.create("http://ghe.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> LiveProbeSettings.defaults().withGithubApiUrl(URI.create("https://u:p@ghe.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("u:p");
        assertThatThrownBy(() -> LiveProbeSettings.fromOptions(Map.of(LiveProbeSettings.GITHUB_API_URL, "ftp://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LiveProbeSettings.GITHUB_API_URL);
        assertThatThrownBy(() -> LiveProbeSettings.fromOptions(Map.of(LiveProbeSettings.TIMEOUT, "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LiveProbeSettings.TIMEOUT);
    }
}
