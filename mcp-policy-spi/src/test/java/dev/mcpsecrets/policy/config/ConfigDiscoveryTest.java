package dev.mcpsecrets.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDiscoveryTest {

    @Test
    void perOsClaudeDesktopLocations() {
        Path home = Path.of("/home/u");
        assertThat(desktop(FileSystemView.of(home, home, FileSystemView.OperatingSystem.MACOS, Map.of())))
                .isEqualTo(Path.of("/home/u/Library/Application Support/Claude/claude_desktop_config.json"));
        assertThat(desktop(FileSystemView.of(home, home, FileSystemView.OperatingSystem.LINUX, Map.of())))
                .isEqualTo(Path.of("/home/u/.config/Claude/claude_desktop_config.json"));
        assertThat(desktop(FileSystemView.of(home, home, FileSystemView.OperatingSystem.LINUX,
                Map.of("XDG_CONFIG_HOME", "/xdg")))).isEqualTo(Path.of("/xdg/Claude/claude_desktop_config.json"));
        assertThat(desktop(FileSystemView.of(home, home, FileSystemView.OperatingSystem.WINDOWS,
                Map.of("APPDATA", "/appdata")))).isEqualTo(Path.of("/appdata/Claude/claude_desktop_config.json"));
    }

    private static Path desktop(FileSystemView view) {
        return ConfigDiscovery.candidates(view).stream().filter(c -> c.client() == McpClient.CLAUDE_DESKTOP)
                .findFirst().orElseThrow().path();
    }

    @Test
    void discoversExistingUserAndProjectConfigs(@TempDir Path tmp) throws IOException {
        Path home = tmp.resolve("home");
        Path project = tmp.resolve("work/app");
        write(home.resolve(".cursor/mcp.json"), "{\"mcpServers\": {\"a\": {\"command\": \"x\"}}}");
        write(home.resolve(".claude.json"), "{}");
        write(home.resolve(".gemini/settings.json"), "{}");
        write(home.resolve(".codeium/windsurf/mcp_config.json"), "{}");
        write(home.resolve(".config/Claude/claude_desktop_config.json"), "{}");
        write(project.resolve(".vscode/mcp.json"), "{\"servers\": {}}");
        write(project.resolve(".mcp.json"), "{}");
        write(project.resolve(".cursor/mcp.json"), "{}");
        write(project.resolve(".gemini/settings.json"), "{}");
        Files.createDirectories(project.resolve(".vscode/other"));
        FileSystemView view = FileSystemView.of(home, project, FileSystemView.OperatingSystem.LINUX, Map.of());
        var found = ConfigDiscovery.discover(view);
        assertThat(found).extracting(ConfigDiscovery.Candidate::client).containsExactly(
                McpClient.CLAUDE_DESKTOP, McpClient.CLAUDE_CODE, McpClient.CURSOR, McpClient.WINDSURF,
                McpClient.GEMINI_CLI, McpClient.CLAUDE_CODE, McpClient.CURSOR, McpClient.VSCODE, McpClient.GEMINI_CLI);
        assertThat(found).filteredOn(c -> c.scope() == ConfigScope.PROJECT).hasSize(4);
        var configs = ConfigDiscovery.readAll(view);
        assertThat(configs).hasSize(9);
        assertThat(configs.get(2).servers()).hasSize(1);
    }

    @Test
    void projectInHomeListsEachFileOnce() {
        Path home = Path.of("/home/u");
        var candidates = ConfigDiscovery.candidates(FileSystemView.of(home, home, FileSystemView.OperatingSystem.LINUX, Map.of()));
        assertThat(candidates.stream().map(ConfigDiscovery.Candidate::path).distinct().count()).isEqualTo(candidates.size());
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
