package dev.mcpsecrets.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerCatalogTest {
    private static final ServerCatalog CATALOG = ServerCatalog.builtIn();

    private static McpServer server(String json) {
        JsonDocument doc = JsonReader.parse("{\"mcpServers\": {\"s\": " + json + "}}", Path.of("/c.json"), JsonDialect.STRICT);
        return McpConfigReader.fromDocument(doc, McpClient.GENERIC, ConfigScope.USER).servers().get(0);
    }

    @Test
    void builtInCatalogHasTheCommonServers() {
        assertThat(CATALOG.shapes().size()).isGreaterThanOrEqualTo(20);
        for (String id : new String[] {"filesystem", "github", "postgres", "mysql", "brave-search", "slack", "sentry",
                "notion", "stripe", "mongodb", "redis", "google-maps"}) {
            assertThat(CATALOG.byId(id)).as(id).isPresent();
        }
    }

    @Test
    void identifiesByPackageWithVersionDockerImageOrUrl() {
        assertThat(CATALOG.identify(server("{\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github@2025.4.8\"]}")))
                .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("github"));
        assertThat(CATALOG.identify(server("{\"command\": \"docker\", \"args\": [\"run\", \"-i\", \"--rm\", \"ghcr.io/github/github-mcp-server\"]}")))
                .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("github"));
        assertThat(CATALOG.identify(server("{\"type\": \"http\", \"url\": \"https://api.githubcopilot.com/mcp/\"}")))
                .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("github"));
        assertThat(CATALOG.identify(server("{\"command\": \"/usr/local/bin/github-mcp-server\", \"args\": [\"stdio\"]}")))
                .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("github"));
        assertThat(CATALOG.identify(server("{\"command\": \"node\", \"args\": [\"my-server.js\"]}"))).isEmpty();
    }

    @Test
    void filesystemRootsFromArgsAndDockerMounts() {
        McpServer npx = server("{\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-filesystem\", \"/\", \"~/projects\"]}");
        ServerShape fs = CATALOG.identify(npx).orElseThrow();
        assertThat(fs.filesystemRoots(npx)).extracting(ServerShape.Root::path).containsExactly("/", "~/projects");
        assertThat(fs.filesystemRoots(npx).get(0).source().pointer()).isEqualTo("/mcpServers/s/args/2");
        McpServer docker = server("{\"command\": \"docker\", \"args\": [\"run\", \"-i\", \"--rm\", "
                + "\"--mount\", \"type=bind,src=/Users/me/Desktop,dst=/projects/Desktop,ro\", "
                + "\"-v\", \"/Users/me/code:/projects/code\", \"mcp/filesystem\", \"/projects\"]}");
        assertThat(CATALOG.identify(docker).orElseThrow().filesystemRoots(docker)).extracting(ServerShape.Root::path)
                .containsExactly("/Users/me/Desktop", "/Users/me/code", "/projects");
        McpServer rootMount = server("{\"command\": \"docker\", \"args\": [\"run\", \"-v\", \"/:/mcp\", "
                + "\"-v\", \"C:\\\\data:/data\", \"mcp/filesystem\", \"/mcp\"]}");
        assertThat(CATALOG.identify(rootMount).orElseThrow().filesystemRoots(rootMount)).extracting(ServerShape.Root::path)
                .startsWith("/", "C:\\data");
    }

    @Test
    void databaseUrlsAndReadOnly() {
        McpServer pg = server("{\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-postgres\", "
                + "\"postgresql://localhost/mydb\"], \"env\": {\"DATABASE_URL\": \"postgres://u@h/d\"}}");
        ServerShape shape = CATALOG.identify(pg).orElseThrow();
        assertThat(shape.id()).isEqualTo("postgres");
        assertThat(shape.databaseUrls(pg)).extracting(JsonValue.StringValue::value)
                .containsExactly("postgres://u@h/d", "postgresql://localhost/mydb");
        McpServer gh = server("{\"command\": \"github-mcp-server\", \"args\": [\"stdio\"], \"env\": {\"GITHUB_READ_ONLY\": \"1\"}}");
        assertThat(CATALOG.identify(gh).orElseThrow().isReadOnly(gh)).isTrue();
        assertThat(shape.isReadOnly(pg)).isFalse();
    }

    @Test
    void badCatalogDataNamesThePosition() {
        JsonDocument doc = JsonReader.parse("{\"version\": 1, \"servers\": [{\"id\": \"x\", \"match\": {\"packages\": [1]}}]}",
                Path.of("/s.json"), JsonDialect.STRICT);
        assertThatThrownBy(() -> ServerCatalog.parse(doc)).hasMessageContaining("/s.json:1:")
                .hasMessageContaining("packages");
        JsonDocument v2 = JsonReader.parse("{\"version\": 2, \"servers\": []}", Path.of("/s.json"), JsonDialect.STRICT);
        assertThatThrownBy(() -> ServerCatalog.parse(v2)).hasMessageContaining("\"version\" must be 1");
    }
}
