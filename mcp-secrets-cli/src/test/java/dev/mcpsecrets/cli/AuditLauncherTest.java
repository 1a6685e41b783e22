package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit} on stdio launchers of remote servers: every shape found, no value in any report format. */
class AuditLauncherTest {
    private static final String NOTION = "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";
    private static final String PLANTED = "PLANTED-q7ZK2MXW4RT9v8";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path config() throws Exception {
        Path file = tmp.resolve("home/.cursor/mcp.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"mcpServers": {
                  "remote": {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.notion.com/mcp", "--header", "Authorization: Bearer %1$s"]},
                  "remote-env": {"command": "npx", "args": ["mcp-remote", "https://x.example/mcp", "--header", "Authorization:${AUTH_HEADER}"],
                                 "env": {"AUTH_HEADER": "Bearer %2$s-1"}},
                  "gateway": {"command": "npx", "args": ["-y", "supergateway", "--sse", "http://mcp.corp.example/sse", "--oauth2Bearer", "%2$s-2"]},
                  "gateway-header": {"command": "npx", "args": ["-y", "supergateway", "--streamableHttp=https://x.example/mcp", "--header", "Authorization: Bearer %2$s-3"]},
                  "proxy": {"command": "uvx", "args": ["mcp-proxy", "--headers", "Authorization", "Bearer %2$s-4", "https://x.example/sse"]},
                  "proxy-env": {"command": "uvx", "args": ["mcp-proxy", "https://x.example/sse"], "env": {"API_ACCESS_TOKEN": "%2$s-5"}},
                  "fly": {"command": "fly", "args": ["mcp", "proxy", "--url", "https://a.fly.dev", "--bearer-token", "%2$s-6"]},
                  "url-password": {"command": "npx", "args": ["mcp-remote", "https://me:%2$s-7@x.example/mcp"]}
                }}
                """.formatted(NOTION, PLANTED));
        return file;
    }

    @Test
    void everyLauncherShapeIsFoundAndNoReportFormatShowsAValue() throws Exception {
        Path file = config();
        CliRun json = CliRun.of(TestEnvironment.of(tmp), "audit", "--format", "json", file.toString());
        JsonNode report = JSON.readTree(json.out());
        List<String> servers = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            if (List.of("MCP-SEC-001", "MCP-SEC-002", "MCP-CMD-001").contains(f.path("ruleId").asText())) {
                servers.add(f.path("location").path("server").asText());
            }
        }
        assertThat(servers).contains("remote", "remote-env", "gateway", "gateway-header", "proxy", "proxy-env", "fly",
                "url-password");
        assertThat(json.out()).contains("Notion integration token").contains("mcp-secrets bridge")
                .contains("through supergateway");
        for (String format : new String[] {"text", "json", "sarif"}) {
            CliRun run = CliRun.of(TestEnvironment.of(tmp), "audit", "--format", format, file.toString());
            assertThat(run.exitCode()).as(format + run.err()).isEqualTo(1);
            assertThat(run.out() + run.err()).as(format).doesNotContain(NOTION).doesNotContain(NOTION.substring(20))
                    .doesNotContain(PLANTED).doesNotContain("q7ZK2MXW4RT9");
        }
    }
}
