package dev.mcpsecrets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * The real actuator endpoints over HTTP, with every value shown: resolved secrets stay hidden. The
 * variable {@code MCP_SECRETS_STARTER_TEST_TOKEN} is set for the test JVM in this module's pom.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "github.token=secret:env:MCP_SECRETS_STARTER_TEST_TOKEN",
            "github.api-url=https://api.github.test",
            "github.auth-header=Bearer ${github.token}",
            "management.endpoints.web.exposure.include=env,configprops",
            "management.endpoint.env.show-values=ALWAYS",
            "management.endpoint.configprops.show-values=ALWAYS"
        })
class ActuatorEndpointsHideSecretsTest {
    private static final String TOKEN = "ghp_ActuatorMustNotShow0123456789";

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    @ParameterizedTest
    @ValueSource(strings = {"env", "env/github.token", "env/github.auth-header", "configprops"})
    void endpointShowsOtherValuesButNotTheResolvedSecret(String endpoint) throws Exception {
        assertThat(environment.getProperty("github.token")).as("the secret was resolved").isEqualTo(TOKEN);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + endpoint)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(4)).contains("******");
        if (!endpoint.startsWith("env/")) {
            // show-values=ALWAYS is in effect: ordinary values are visible, so the check above can fail
            assertThat(response.body()).contains("https://api.github.test");
        }
    }
}
