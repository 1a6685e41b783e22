package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.provider.LoopbackHosts;
import dev.mcpsecrets.api.internal.retry.RetryWaits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectEndpointTest {
    private static final String TOKEN = "connect-token-do-not-print-1234";

    @Test
    void httpsIsAccepted() throws Exception {
        ConnectEndpoint e = ConnectEndpoint.from(Map.of("OP_CONNECT_HOST", "https://connect.example:8443/",
                "OP_CONNECT_TOKEN", TOKEN), "r");
        assertThat(e.base()).hasToString("https://connect.example:8443");
        assertThat(e.toString()).doesNotContain(TOKEN);
        assertThat(e.key()).doesNotContain(TOKEN);
    }

    @Test
    void plainHttpToAnotherHostIsRefusedWithoutTheToken() {
        assertThatThrownBy(() -> ConnectEndpoint.from(Map.of("OP_CONNECT_HOST", "http://connect.example:8080",
                "OP_CONNECT_TOKEN", TOKEN), "r"))
                .isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.DENIED))
                .hasMessageContaining("plain http")
                .hasMessageContaining("MCP_SECRETS_OP_CONNECT_ALLOW_HTTP")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void plainHttpIsAllowedForLoopbackOrWhenTheUserSaysSo() throws Exception {
        for (String host : new String[] {"http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"}) {
            assertThat(ConnectEndpoint.from(Map.of("OP_CONNECT_HOST", host, "OP_CONNECT_TOKEN", TOKEN), "r").base())
                    .hasToString(host);
        }
        assertThat(ConnectEndpoint.from(Map.of("OP_CONNECT_HOST", "http://connect.internal:8080", "OP_CONNECT_TOKEN",
                TOKEN, "MCP_SECRETS_OP_CONNECT_ALLOW_HTTP", "true"), "r").base().getHost()).isEqualTo("connect.internal");
    }

    @Test
    void loopbackCheckNeverTrustsNamesThatOnlyLookLocal() {
        assertThat(LoopbackHosts.isLoopback("127.0.0.1.evil.example")).isFalse();
        assertThat(LoopbackHosts.isLoopback("localhost.evil.example")).isFalse();
        assertThat(LoopbackHosts.isLoopback("127.3.4.5")).isTrue();
    }

    @Test
    void missingSettingsMakeItUnavailable() {
        assertThatThrownBy(() -> ConnectEndpoint.from(Map.of("OP_CONNECT_HOST", "https://c.example"), "r"))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("OP_CONNECT_TOKEN");
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        assertThat(RetryWaits.retryAfter("1")).contains(Duration.ofSeconds(1));
        assertThat(RetryWaits.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(RetryWaits.retryAfter("soon")).isEmpty();
    }
}
