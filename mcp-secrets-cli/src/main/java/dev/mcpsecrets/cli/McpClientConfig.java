package dev.mcpsecrets.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The servers declared in an MCP client config ({@code mcpServers} as Claude, Cursor and Windsurf
 * write it, or {@code servers} as VS Code does), read just far enough to launch one of them.
 */
final class McpClientConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpClientConfig() {
    }

    /** One stdio server entry: what to start, where (cwd as written), and with which environment (values may be references). */
    record Server(String name, String command, List<String> args, Map<String, String> env, Path cwd) {
    }

    static Server server(Path file, byte[] content, String name) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, file + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode servers = root == null ? null : root.has("mcpServers") ? root.get("mcpServers") : root.get("servers");
        if (servers == null || !servers.isObject()) {
            throw new CliException(RunCommand.FAILED_BEFORE_START,
                    file + ": no \"mcpServers\" (or \"servers\") object; is this an MCP client config?");
        }
        JsonNode entry = servers.get(name);
        if (entry == null || !entry.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            servers.fieldNames().forEachRemaining(names::add);
            throw new CliException(RunCommand.FAILED_BEFORE_START,
                    file + ": no server named '" + name + "' (declared: " + String.join(", ", names) + ")");
        }
        JsonNode command = entry.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, file + ": server '" + name
                    + "' has no \"command\" (only stdio servers can be started)");
        }
        List<String> args = new ArrayList<>();
        for (JsonNode a : entry.path("args")) {
            args.add(requireText(file, name, "args", a));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entry.path("env").properties()) {
            env.put(e.getKey(), requireText(file, name, "env." + e.getKey(), e.getValue()));
        }
        JsonNode cwd = entry.get("cwd");
        // as written: the caller resolves a relative cwd in the trusted file's real directory
        Path dir = cwd == null ? null : Path.of(requireText(file, name, "cwd", cwd));
        return new Server(name, command.asText(), List.copyOf(args), env, dir);
    }

    private static String requireText(Path file, String server, String what, JsonNode node) {
        if (!node.isTextual()) {
            throw new CliException(RunCommand.FAILED_BEFORE_START,
                    file + ": server '" + server + "': " + what + " must be a string");
        }
        return node.asText();
    }
}
