package dev.mcpsecrets.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {
    private static AwsSettings read(Map<String, String> env, Map<String, String> props) throws SecretException {
        return AwsSettings.from(env, props, "aws-sm:x");
    }

    @Test
    void theEnvironmentGivesRegionEndpointProfileAndKeys() throws Exception {
        AwsSettings s = read(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "https://vpce.example:8443/",
                "AWS_PROFILE", "dev", "AWS_ACCESS_KEY_ID", "AKIDX", "AWS_SECRET_ACCESS_KEY", "PLANTED-sak-1",
                "AWS_SESSION_TOKEN", "PLANTED-token-2"), Map.of());
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.endpoint()).isEqualTo(URI.create("https://vpce.example:8443"));
        assertThat(s.profile()).isEqualTo("dev");
        assertThat(s.sessionToken()).isEqualTo("PLANTED-token-2");
        assertThat(s.toString() + s.describe() + s.clientKey()).doesNotContain("PLANTED");
    }

    @Test
    void theServiceEndpointWinsOverTheGeneralOneAndSystemPropertiesWinOverBoth() throws Exception {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "https://general.example",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "https://sm.example", "AWS_REGION", "eu-west-1");
        assertThat(read(env, Map.of()).endpoint()).isEqualTo(URI.create("https://sm.example"));
        AwsSettings own = read(env, Map.of("aws.endpointUrlSecretsManager", "https://own.example",
                "aws.region", "ap-south-1"));
        assertThat(own.endpoint()).isEqualTo(URI.create("https://own.example"));
        assertThat(own.region()).isEqualTo("ap-south-1");
        assertThat(own.describe()).contains("system property aws.region");
        assertThat(read(Map.of("AWS_ENDPOINT_URL", "https://general.example",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), Map.of()).endpoint()).isNull();
    }

    @Test
    void withoutRegionOrKeysTheSdkChainsDecide() throws Exception {
        AwsSettings s = read(Map.of("AWS_ACCESS_KEY_ID", "AKIDX"), Map.of());
        assertThat(s.region()).isNull();
        assertThat(s.accessKeyId()).as("a key ID without its secret key is not credentials").isNull();
        assertThat(s.describe()).contains("default chain");
    }

    @Test
    void plainHttpIsForLoopbackOnlyUnlessAllowed() throws Exception {
        assertThat(read(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), Map.of()).endpoint()).isNotNull();
        assertThat(read(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"), Map.of()).endpoint()).isNotNull();
        SecretException e = assertThrows(SecretException.class,
                () -> read(Map.of("AWS_ENDPOINT_URL", "http://sm.internal.example"), Map.of()));
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).contains("MCP_SECRETS_AWS_ALLOW_HTTP");
        assertThat(read(Map.of("AWS_ENDPOINT_URL", "http://sm.internal.example", "MCP_SECRETS_AWS_ALLOW_HTTP", "true"),
                Map.of()).endpoint()).isNotNull();
    }

    @Test
    void badValuesAreNamedNotShown() {
        SecretException path = assertThrows(SecretException.class,
                () -> read(Map.of("AWS_ENDPOINT_URL", "https://h.example/some/path"), Map.of()));
        assertThat(path.getMessage()).contains("AWS_ENDPOINT_URL").doesNotContain("some/path");
        SecretException region = assertThrows(SecretException.class,
                () -> read(Map.of("AWS_REGION", "evil.example/x"), Map.of()));
        assertThat(region.getMessage()).contains("AWS_REGION").doesNotContain("evil");
        assertThrows(SecretException.class, () -> read(Map.of("AWS_ENDPOINT_URL", "ftp://h"), Map.of()));
    }

    @Test
    void theProxyFollowsTheEndpointsScheme() throws Exception {
        Map<String, String> env = Map.of("HTTPS_PROXY", "proxy.example:3128", "http_proxy", "http://p2.example:8080",
                "NO_PROXY", ".internal.example,localhost");
        AwsSettings https = read(env, Map.of());
        assertThat(https.proxy()).isEqualTo(URI.create("http://proxy.example:3128"));
        assertThat(https.noProxy()).containsExactlyInAnyOrder("*.internal.example", "localhost");
        AwsSettings http = read(new java.util.HashMap<>(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "http_proxy", "http://p2.example:8080")), Map.of());
        assertThat(http.proxy()).isEqualTo(URI.create("http://p2.example:8080"));
    }
}
