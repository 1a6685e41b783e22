package dev.mcpsecrets.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpConfigReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void claudeDesktopServersWithEnvAndArgsPositions() throws IOException {
        Path f = write("claude_desktop_config.json", """
                {
                  "mcpServers": {
                    "github": {
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-github"],
                      "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}", "N": 3}
                    }
                  }
                }
                """);
        McpConfigFile cfg = McpConfigReader.read(f);
        assertThat(cfg.client()).isEqualTo(McpClient.CLAUDE_DESKTOP);
        McpServer gh = cfg.servers().get(0);
        assertThat(gh.name()).isEqualTo("github");
        assertThat(gh.transport()).isEqualTo(McpServer.Transport.STDIO);
        assertThat(gh.command().orElseThrow().value()).isEqualTo("npx");
        assertThat(gh.args()).extracting(JsonValue.StringValue::value)
                .containsExactly("-y", "@modelcontextprotocol/server-github");
        assertThat(gh.env()).containsOnlyKeys("GITHUB_PERSONAL_ACCESS_TOKEN");
        assertThat(gh.env().get("GITHUB_PERSONAL_ACCESS_TOKEN").location())
                .isEqualTo(new Location(f, 6, 47, "/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN"));
        assertThat(gh.commandLine()).hasSize(3);
        assertThat(gh.credentialCarriers()).hasSize(4);
    }

    @Test
    void claudeCodeTopLevelAndPerProjectServers() throws IOException {
        Path f = write(".claude.json", """
                {"mcpServers": {"a": {"command": "x"}},
                 "projects": {"/home/u/app": {"mcpServers": {"b": {"type": "sse", "url": "http://example.com/sse"}}},
                              "/home/u/other": {"allowedTools": []}}}
                """);
        McpConfigFile cfg = McpConfigReader.read(f);
        assertThat(cfg.client()).isEqualTo(McpClient.CLAUDE_CODE);
        assertThat(cfg.servers()).extracting(McpServer::label).containsExactly("a", "b (project /home/u/app)");
        McpServer b = cfg.servers().get(1);
        assertThat(b.transport()).isEqualTo(McpServer.Transport.SSE);
        assertThat(b.url().orElseThrow().pointer()).isEqualTo("/projects/~1home~1u~1app/mcpServers/b/url");
    }

    @Test
    void vscodeServersAndInputsInJsonc() throws IOException {
        Path f = write(".vscode/mcp.json", """
                {
                  // prompted at start
                  "inputs": [{"type": "promptString", "id": "api-key", "password": true},],
                  "servers": {
                    "remote": {"type": "http", "url": "https://api.example.com/mcp",
                               "headers": {"Authorization": "Bearer ${input:api-key}"}},
                  },
                }
                """);
        McpConfigFile cfg = McpConfigReader.read(f);
        assertThat(cfg.client()).isEqualTo(McpClient.VSCODE);
        assertThat(cfg.document().problems()).isEmpty();
        assertThat(cfg.inputs()).hasSize(1);
        McpServer remote = cfg.servers().get(0);
        assertThat(remote.transport()).isEqualTo(McpServer.Transport.HTTP);
        assertThat(remote.headers().get("Authorization").pointer()).isEqualTo("/servers/remote/headers/Authorization");
    }

    @Test
    void windsurfServerUrlAndGeminiHttpUrl() throws IOException {
        Path ws = write(".codeium/windsurf/mcp_config.json", "{\"mcpServers\": {\"r\": {\"serverUrl\": \"https://x/mcp\"}}}");
        assertThat(McpConfigReader.read(ws).client()).isEqualTo(McpClient.WINDSURF);
        assertThat(McpConfigReader.read(ws).servers().get(0).url()).isPresent();
        Path gem = write(".gemini/settings.json", """
                {
                  // comments are fine for Gemini CLI
                  "mcpServers": {"h": {"httpUrl": "https://x/mcp"}, "s": {"url": "https://x/sse"}}
                }
                """);
        McpConfigFile g = McpConfigReader.read(gem);
        assertThat(g.client()).isEqualTo(McpClient.GEMINI_CLI);
        assertThat(g.document().problems()).isEmpty();
        assertThat(g.servers()).extracting(McpServer::transport)
                .containsExactly(McpServer.Transport.HTTP, McpServer.Transport.SSE);
    }

    @Test
    void anEntryWithACommandAndAUrlIsReadAsEachClientReadsIt() throws IOException {
        String entry = "{\"mcpServers\": {\"both\": {\"command\": \"npx\", \"args\": [\"srv\"], "
                + "\"url\": \"https://x/sse\", \"httpUrl\": \"https://x/mcp\"}}}";
        // Gemini CLI: httpUrl, then url, then command
        McpServer gemini = McpConfigReader.read(write(".gemini/settings.json", entry)).servers().get(0);
        assertThat(gemini.transport()).isEqualTo(McpServer.Transport.HTTP);
        assertThat(gemini.url().orElseThrow().value()).isEqualTo("https://x/mcp");
        // the others start the command unless "type" says otherwise
        assertThat(McpConfigReader.read(write(".cursor/mcp.json", entry)).servers().get(0).transport())
                .isEqualTo(McpServer.Transport.STDIO);
        assertThat(McpConfigReader.read(write("claude_desktop_config.json", entry)).servers().get(0).transport())
                .isEqualTo(McpServer.Transport.STDIO);
    }

    @Test
    void invalidFileYieldsNoServersAndAProblem() throws IOException {
        Path f = write("claude_desktop_config.json", "{\"mcpServers\": {\"a\": {\"command\": \"x\",}}");
        McpConfigFile cfg = McpConfigReader.read(f);
        assertThat(cfg.servers()).isEmpty();
        assertThat(cfg.document().problems()).extracting(ParseProblem::kind)
                .contains(ParseProblem.Kind.TRAILING_COMMA, ParseProblem.Kind.SYNTAX_ERROR);
    }

    @Test
    void entriesOfUnexpectedShapeAreSkipped() throws IOException {
        Path f = write(".mcp.json", "{\"mcpServers\": {\"a\": 1, \"b\": {\"args\": [1, \"x\"], \"env\": []}}}");
        McpConfigFile cfg = McpConfigReader.read(f);
        assertThat(cfg.servers()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("b");
            assertThat(s.args()).hasSize(1);
            assertThat(s.env()).isEmpty();
            assertThat(s.transport()).isEqualTo(McpServer.Transport.UNKNOWN);
        });
    }
}
