package dev.mcpsecrets.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherCatalogTest {
    private static final LauncherCatalog CATALOG = LauncherCatalog.builtIn();

    private static McpServer server(String json) {
        JsonDocument doc = JsonReader.parse("{\"mcpServers\": {\"s\": " + json + "}}", Path.of("/c.json"), JsonDialect.STRICT);
        return McpConfigReader.fromDocument(doc, McpClient.GENERIC, ConfigScope.USER).servers().get(0);
    }

    private static RemoteLaunch launch(String json) {
        return CATALOG.read(server(json)).orElseThrow();
    }

    @Test
    void mcpRemoteWithAJoinedHeaderAndOptions() {
        RemoteLaunch l = launch("{\"command\": \"npx\", \"args\": [\"-y\", \"mcp-remote@0.1.18\", \"https://mcp.example.com/sse\", "
                + "\"--transport\", \"sse-only\", \"--header\", \"Authorization: Bearer abc\", \"--allow-http\"]}");
        assertThat(l.launcher().id()).isEqualTo("mcp-remote");
        assertThat(l.url().value()).isEqualTo("https://mcp.example.com/sse");
        assertThat(l.headers()).extracting(RemoteLaunch.Header::name, RemoteLaunch.Header::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Authorization", "Bearer abc"));
        assertThat(l.headers().get(0).carrier().pointer()).isEqualTo("/mcpServers/s/args/6");
        assertThat(l.unknown()).isEmpty();
    }

    @Test
    void mcpRemoteTakesHeaderVariablesFromTheEntrysEnv() {
        McpServer s = server("{\"command\": \"npx\", \"args\": [\"mcp-remote\", \"https://x/mcp\", \"--header\", "
                + "\"Authorization:${AUTH_HEADER}\"], \"env\": {\"AUTH_HEADER\": \"Bearer tok\"}}");
        RemoteLaunch l = CATALOG.read(s).orElseThrow();
        assertThat(l.headerVariables(s)).containsExactly("AUTH_HEADER");
        assertThat(l.sentValue(l.headers().get(0), s.env())).hasValue("Bearer tok");
        assertThat(l.sentValue(l.headers().get(0), java.util.Map.of())).isEmpty();
    }

    @Test
    void supergatewayUrlFlagsInlineAndBearerFlag() {
        RemoteLaunch l = launch("{\"command\": \"npx\", \"args\": [\"-y\", \"supergateway\", \"--streamableHttp=https://x/mcp\", "
                + "\"--oauth2Bearer\", \"tok\", \"--header\", \"X-Team: a\"]}");
        assertThat(l.url().value()).isEqualTo("https://x/mcp");
        assertThat(l.urlCarrier().value()).isEqualTo("--streamableHttp=https://x/mcp");
        assertThat(l.headers()).extracting(RemoteLaunch.Header::name).containsExactly("Authorization", "X-Team");
        assertThat(l.headers().get(0).value()).isEqualTo("Bearer tok");
        assertThat(l.headers().get(0).form()).isEqualTo(RemoteLaunch.Header.Form.BEARER_FLAG);
    }

    @Test
    void supergatewayServingAStdioServerIsNotARemoteLaunch() {
        assertThat(CATALOG.read(server("{\"command\": \"npx\", \"args\": [\"-y\", \"supergateway\", \"--stdio\", "
                + "\"uvx mcp-server-git\", \"--port\", \"8000\"]}"))).isEmpty();
    }

    @Test
    void mcpProxyHeaderPairsEnvBearerAndClientSecret() {
        McpServer s = server("{\"command\": \"uvx\", \"args\": [\"mcp-proxy\", \"-H\", \"Authorization\", \"Bearer a\", "
                + "\"--headers\", \"X-Key\", \"k\", \"--client-secret\", \"cs\", \"--transport\", \"streamablehttp\", "
                + "\"https://x/mcp\"], \"env\": {\"API_ACCESS_TOKEN\": \"t\"}}");
        RemoteLaunch l = CATALOG.read(s).orElseThrow();
        assertThat(l.headers()).extracting(RemoteLaunch.Header::name, RemoteLaunch.Header::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Authorization", "Bearer a"),
                org.assertj.core.groups.Tuple.tuple("X-Key", "k"),
                org.assertj.core.groups.Tuple.tuple("Authorization", "Bearer t"));
        assertThat(l.credentials()).extracting(RemoteLaunch.Credential::flag).containsExactly("--client-secret");
        assertThat(l.unknown()).isEmpty();
    }

    @Test
    void flyMcpProxyNeedsItsSubcommand() {
        RemoteLaunch l = launch("{\"command\": \"fly\", \"args\": [\"mcp\", \"proxy\", \"--url\", \"https://a.fly.dev\", "
                + "\"--bearer-token\", \"tok\"]}");
        assertThat(l.launcher().id()).isEqualTo("fly-mcp-proxy");
        assertThat(l.headers()).hasSize(1);
        assertThat(CATALOG.read(server("{\"command\": \"fly\", \"args\": [\"mcp\", \"server\", \"--url\", \"https://a\"]}")))
                .isEmpty();
    }

    @Test
    void argumentsItDoesNotKnowAreKeptAsUnknown() {
        RemoteLaunch l = launch("{\"command\": \"npx\", \"args\": [\"mcp-remote\", \"https://x/sse\", \"3334\", \"--weird\"]}");
        assertThat(l.unknown()).extracting(JsonValue.StringValue::value).containsExactly("3334", "--weird");
    }

    @Test
    void remoteEntriesAndOtherServersAreNoLaunch() {
        assertThat(CATALOG.read(server("{\"type\": \"http\", \"url\": \"https://x/mcp\"}"))).isEmpty();
        assertThat(CATALOG.read(server("{\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"]}")))
                .isEmpty();
    }

    @Test
    void toStringShowsNoValue() {
        RemoteLaunch l = launch("{\"command\": \"npx\", \"args\": [\"mcp-remote\", \"https://x/sse\", \"--header\", "
                + "\"Authorization: Bearer PLANTED-secret\"]}");
        assertThat(l.toString()).doesNotContain("PLANTED").doesNotContain("x/sse");
        assertThat(l.headers().get(0).toString()).doesNotContain("PLANTED");
    }

    @Test
    void badDataNamesWhere() {
        JsonDocument doc = JsonReader.parse("{\"version\": 1, \"launchers\": [{\"id\": \"a\", \"match\": {\"packages\": []}}]}",
                Path.of("/l.json"), JsonDialect.STRICT);
        assertThatThrownBy(() -> LauncherCatalog.parse(doc)).hasMessageContaining("/l.json").hasMessageContaining("packages");
        assertThat(CATALOG.launchers()).extracting(LauncherShape::id)
                .containsAll(List.of("mcp-remote", "supergateway", "mcp-proxy", "fly-mcp-proxy"));
        assertThat(CATALOG.launchers()).allSatisfy(l -> assertThat(l.source()).isNotBlank());
    }
}
