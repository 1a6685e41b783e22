package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes and reads MCP client configs for the live-probe tests. */
final class LiveTestConfigs {
    private LiveTestConfigs() {
    }

    /** A Claude Desktop config with the given {@code mcpServers} members (JSON text without braces). */
    static McpConfigFile claudeDesktop(Path dir, String servers) {
        try {
            Path file = dir.resolve("claude_desktop_config.json");
            Files.writeString(file, "{\n  \"mcpServers\": {\n" + servers + "\n  }\n}\n");
            return McpConfigReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stdio server entry with an environment. */
    static String server(String name, String packageName, String envJson) {
        return "    \"" + name + "\": {\"command\": \"npx\", \"args\": [\"-y\", \"" + packageName + "\"], \"env\": {"
                + envJson + "}}";
    }

    /** Each finding as {@code RULE severity: message}, for exact assertions. */
    static List<String> summary(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " " + f.severity().label()).toList();
    }

    /** Every text a finding shows to users. */
    static String allText(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(f).append('\n');
        }
        return sb.toString();
    }
}
