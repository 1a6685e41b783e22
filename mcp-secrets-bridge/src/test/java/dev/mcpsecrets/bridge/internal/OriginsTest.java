package dev.mcpsecrets.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OriginsTest {
    @Test
    void plainHttpCarriesHeadersToThisMachineOnly() {
        assertThat(Origins.checkEndpoint("http://127.0.0.1:8080/mcp", true).getPort()).isEqualTo(8080);
        assertThat(Origins.checkEndpoint("http://localhost/mcp", true)).isNotNull();
        assertThat(Origins.checkEndpoint("http://[::1]:9/mcp", true)).isNotNull();
        assertThat(Origins.checkEndpoint("http://127.5.0.1/mcp", true)).isNotNull();
        assertThatThrownBy(() -> Origins.checkEndpoint("http://mcp.example.com/mcp", true))
                .hasMessageContaining("refusing to send headers over plain http:// to http://mcp.example.com");
        // a name that merely resolves to this machine today is not trusted
        assertThatThrownBy(() -> Origins.checkEndpoint("http://127.0.0.1.nip.io/mcp", true)).hasMessageContaining("refusing");
        assertThatThrownBy(() -> Origins.checkEndpoint("http://10.0.0.1/mcp", true)).hasMessageContaining("refusing");
        assertThat(Origins.checkEndpoint("http://mcp.example.com/mcp", false)).isNotNull();
        assertThat(Origins.checkEndpoint("https://mcp.example.com/mcp", true)).isNotNull();
    }

    @Test
    void urlsThatHideCredentialsOrAreNotHttpAreRefused() {
        assertThatThrownBy(() -> Origins.checkEndpoint("https://user:PLANTED-pw@mcp.example.com/mcp", false))
                .hasMessageContaining("user info").hasMessageNotContaining("PLANTED");
        assertThatThrownBy(() -> Origins.checkEndpoint("ftp://mcp.example.com/", false)).hasMessageContaining("https://");
        assertThatThrownBy(() -> Origins.checkEndpoint("https:///mcp", false)).hasMessageContaining("no host");
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        assertThat(Origins.sameOrigin(URI.create("https://a.example/x"), URI.create("https://A.example:443/y"))).isTrue();
        assertThat(Origins.sameOrigin(URI.create("https://a.example/x"), URI.create("http://a.example/x"))).isFalse();
        assertThat(Origins.sameOrigin(URI.create("https://a.example/x"), URI.create("https://a.example:8443/x"))).isFalse();
        assertThat(Origins.sameOrigin(URI.create("https://a.example/x"), URI.create("https://b.example/x"))).isFalse();
    }
}
