package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.Location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionTest {
    private static final FileSystemView FILES = FileSystemView.of(Path.of("/home/u"), Path.of("/home/u/app"),
            FileSystemView.OperatingSystem.LINUX, Map.of());

    private static Suppression s(String rule, String location) {
        return new Suppression(rule, location, "because", null, Location.NONE);
    }

    private static Finding f(String rule, String file, String pointer) {
        return Finding.builder(rule, Severity.HIGH).title("t").message("m")
                .location(file == null ? Location.NONE : new Location(Path.of(file), 1, 1, pointer)).build();
    }

    @Test
    void singleStarStaysInOneSegmentDoubleStarCrosses() {
        assertThat(s("MCP-FS-001", "/home/u/*.json").matches(f("MCP-FS-001", "/home/u/.claude.json", null), FILES)).isTrue();
        assertThat(s("MCP-FS-001", "/home/u/*.json").matches(f("MCP-FS-001", "/home/u/.cursor/mcp.json", null), FILES)).isFalse();
        assertThat(s("MCP-FS-001", "/home/**/mcp.json").matches(f("MCP-FS-001", "/home/u/.cursor/mcp.json", null), FILES)).isTrue();
        assertThat(s("MCP-FS-001", "/home/u/.cursor/mcp.jso?").matches(f("MCP-FS-001", "/home/u/.cursor/mcp.json", null), FILES)).isTrue();
    }

    @Test
    void homeAndRelativePatternsAreResolvedThroughTheView() {
        Finding inHome = f("MCP-FS-001", "/home/u/.cursor/mcp.json", "/mcpServers/fs/args/2");
        assertThat(s("MCP-FS-001", "~/.cursor/mcp.json").matches(inHome, FILES)).isTrue();
        Finding inProject = f("MCP-FS-001", "/home/u/app/.vscode/mcp.json", "/servers/x");
        assertThat(s("MCP-FS-001", ".vscode/mcp.json").matches(inProject, FILES)).isTrue();
        assertThat(s("MCP-FS-001", ".vscode/mcp.json").matches(inHome, FILES)).isFalse();
    }

    @Test
    void pointerPartNarrowsToOneServer() {
        Finding fs = f("MCP-FS-001", "/home/u/.cursor/mcp.json", "/mcpServers/fs/args/2");
        Finding other = f("MCP-FS-001", "/home/u/.cursor/mcp.json", "/mcpServers/other/args/2");
        Suppression onlyFs = s("MCP-FS-001", "~/.cursor/mcp.json#/mcpServers/fs/**");
        assertThat(onlyFs.matches(fs, FILES)).isTrue();
        assertThat(onlyFs.matches(other, FILES)).isFalse();
        assertThat(onlyFs.matches(f("MCP-FS-001", "/home/u/.cursor/mcp.json", null), FILES)).isFalse();
    }

    @Test
    void ruleWildcardAndFindingsWithoutFile() {
        assertThat(s("MCP-NET-*", "**").matches(f("MCP-NET-002", null, null), FILES)).isTrue();
        assertThat(s("MCP-NET-*", "**").matches(f("MCP-FS-002", null, null), FILES)).isFalse();
        assertThat(s("MCP-NET-001", "/x/**").matches(f("MCP-NET-001", null, null), FILES)).isFalse();
    }

    @Test
    void regexCharactersInPatternsAreLiteral() {
        assertThat(s("MCP-FS-001", "/home/u/a+b (1)/[x].json").matches(f("MCP-FS-001", "/home/u/a+b (1)/[x].json", null), FILES))
                .isTrue();
        assertThat(s("MCP-FS-001", "/home/u/a.json").matches(f("MCP-FS-001", "/home/u/aXjson", null), FILES)).isFalse();
    }

    @Test
    void expiryAndRequiredReason() {
        Suppression until = new Suppression("MCP-FS-001", "**", "r", LocalDate.of(2026, 1, 31), Location.NONE);
        assertThat(until.isExpired(LocalDate.of(2026, 1, 31))).isFalse();
        assertThat(until.isExpired(LocalDate.of(2026, 2, 1))).isTrue();
        assertThatThrownBy(() -> new Suppression("MCP-FS-001", "**", " ", null, Location.NONE))
                .hasMessageContaining("reason");
    }
}
