package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.source.FileSystemView;

import dev.mcpsecrets.policy.config.ConfigDiscovery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A temporary home and project with MCP client configs, for end-to-end tests. */
final class Fixtures {
    private Fixtures() {
    }

    static FileSystemView view(Path root) {
        return FileSystemView.of(root.resolve("home"), root.resolve("home/app"), FileSystemView.OperatingSystem.LINUX,
                Map.of()).withFingerprintKeyFile(root.resolve("key/fingerprint.key"));
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Claude Desktop config with a comment (MCP-CFG-002), Claude Code config with a syntax error (MCP-CFG-001). */
    static PolicyContext brokenConfigs(Path root, String secret) throws IOException {
        FileSystemView view = view(root);
        write(view.configHome().resolve("Claude/claude_desktop_config.json"), """
                {
                  // my servers
                  "mcpServers": {
                    "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                               "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "%s"}}
                  }
                }
                """.formatted(secret));
        write(view.home().resolve(".claude.json"), "{\"mcpServers\": {\"db\": {\"env\": {\"PASSWORD\": " + secret + "}}}}");
        write(view.workingDirectory().resolve(".vscode/mcp.json"), """
                {
                  // fine in VS Code
                  "servers": {"x": {"command": "run", "args": ["--token", "%s"],},},
                }
                """.formatted(secret));
        return PolicyContext.builder().files(view).configs(ConfigDiscovery.readAll(view)).build();
    }
}
