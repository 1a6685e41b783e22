package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSyntaxCheckTest {
    private static final ConfigSyntaxCheck CHECK = new ConfigSyntaxCheck();

    private static List<Finding> run(McpClient client, String text) {
        Path file = Path.of("/home/u/cfg.json");
        McpConfigFile cfg = McpConfigReader.fromDocument(JsonReader.parse(text, file, client.dialect()), client,
                ConfigScope.USER);
        return CHECK.run(PolicyContext.builder().configs(List.of(cfg)).build()).toList();
    }

    @Test
    void commentInClaudeDesktopConfigIsOneMediumFindingWithPosition() {
        List<Finding> findings = run(McpClient.CLAUDE_DESKTOP, "{\n  // a\n  // b\n  \"mcpServers\": {}\n}");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-CFG-002");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.location().line()).isEqualTo(2);
            assertThat(f.location().column()).isEqualTo(3);
            assertThat(f.message()).contains("Claude Desktop").contains("1 more");
        });
    }

    @Test
    void sameCommentInVsCodeOrCursorConfigIsFine() {
        assertThat(run(McpClient.VSCODE, "{\n  // a\n  \"servers\": {},\n}")).isEmpty();
        assertThat(run(McpClient.CURSOR, "{\n  /* a */\n  \"mcpServers\": {\"x\": {\"command\": \"y\",},},\n}")).isEmpty();
    }

    @Test
    void invalidJsonIsHighWithLineAndColumn() {
        List<Finding> findings = run(McpClient.CLAUDE_CODE, "{\"mcpServers\": {\n  \"x\": {\"command\" \"y\"}}}");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-CFG-001");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.location().line()).isEqualTo(2);
            assertThat(f.location().column()).isEqualTo(19);
        });
    }

    @Test
    void duplicateServerNameIsLow() {
        List<Finding> findings = run(McpClient.WINDSURF, "{\"mcpServers\": {\"a\": {}, \"a\": {}}}");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-CFG-003");
            assertThat(f.location().jsonPointer()).isEqualTo("/mcpServers/a");
        });
    }

    @Test
    void unreadableConfigSaysSoWithoutClaimingBadJson() {
        Path file = Path.of("/home/u/missing.json");
        McpConfigFile cfg = McpConfigReader.read(file, McpClient.CURSOR, ConfigScope.USER);
        List<Finding> findings = CHECK.run(PolicyContext.builder().configs(List.of(cfg)).build()).toList();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-CFG-001");
            assertThat(f.message()).isEqualTo("Cursor config does not exist; none of its servers could be checked");
        });
    }

    @Test
    void validConfigHasNoFindings() {
        assertThat(run(McpClient.CLAUDE_DESKTOP, "{\"mcpServers\": {\"a\": {\"command\": \"x\"}}}")).isEmpty();
    }
}
