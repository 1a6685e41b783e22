package dev.mcpsecrets.policy.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an MCP client config into an {@link McpConfigFile}. Never throws on bad content: syntax
 * problems stay in the document, entries of unexpected shape are skipped.
 *
 * @since 0.1
 */
public final class McpConfigReader {
    private McpConfigReader() {
    }

    /**
     * Reads a config file in the client's dialect.
     *
     * @param file the file
     * @param client the client that reads it
     * @param scope user or project
     * @return the config
     */
    public static McpConfigFile read(Path file, McpClient client, ConfigScope scope) {
        Objects.requireNonNull(client, "client");
        return fromDocument(JsonReader.read(file, client.dialect()), client, scope);
    }

    /**
     * Reads a file named on a command line, guessing the client from its name and, when the name says
     * nothing, from its content (a VS Code file has top-level {@code servers} and {@code inputs}).
     *
     * @param file the file
     * @return the config
     */
    public static McpConfigFile read(Path file) {
        return read(file, ConfigScope.USER);
    }

    /**
     * Reads a file named on a command line, guessing the client from its name and, when the name says
     * nothing, from its content (a VS Code file has top-level {@code servers} and {@code inputs}).
     *
     * @param file the file
     * @param scope user or project
     * @return the config
     * @since 0.2
     */
    public static McpConfigFile read(Path file, ConfigScope scope) {
        Objects.requireNonNull(scope, "scope");
        McpClient client = McpClient.guess(file);
        JsonDocument document = JsonReader.read(file, client.dialect());
        return client == McpClient.GENERIC ? byContent(document, scope) : fromDocument(document, client, scope);
    }

    /**
     * Parses a config whose bytes were already read (for example to hash exactly what is parsed), guessing
     * the client as {@link #read(Path, ConfigScope)} does.
     *
     * @param content the file's bytes (UTF-8)
     * @param file the file they came from
     * @param scope user or project
     * @return the config
     * @since 0.2
     */
    public static McpConfigFile parse(byte[] content, Path file, ConfigScope scope) {
        Objects.requireNonNull(scope, "scope");
        McpClient client = McpClient.guess(file);
        JsonDocument document = JsonReader.parse(content, file, client.dialect());
        return client == McpClient.GENERIC ? byContent(document, scope) : fromDocument(document, client, scope);
    }

    /**
     * A file whose name says nothing, read as strict JSON: VS Code's format when it has top-level
     * {@code servers} and {@code inputs} (and no {@code mcpServers}), else a generic config. The parser
     * accepts comments and trailing commas in every dialect and only records them as problems, so the
     * VS Code reading is the strict one without those problems.
     */
    private static McpConfigFile byContent(JsonDocument strict, ConfigScope scope) {
        Optional<JsonValue.ObjectValue> root = strict.root().flatMap(JsonValue::asObject);
        boolean vscode = root.isPresent() && root.get().get("mcpServers").isEmpty()
                && root.get().getObject("servers").isPresent()
                && root.get().get("inputs").flatMap(JsonValue::asArray).isPresent();
        if (!vscode) {
            return fromDocument(strict, McpClient.GENERIC, scope);
        }
        List<ParseProblem> problems = strict.problems().stream()
                .filter(p -> p.kind() != ParseProblem.Kind.COMMENT && p.kind() != ParseProblem.Kind.TRAILING_COMMA)
                .toList();
        return fromDocument(new JsonDocument(strict.file(), McpClient.VSCODE.dialect(), strict.root(), problems),
                McpClient.VSCODE, scope);
    }

    /**
     * Extracts the servers and inputs of an already parsed document.
     *
     * @param document the document
     * @param client the client that reads it
     * @param scope user or project
     * @return the config
     */
    public static McpConfigFile fromDocument(JsonDocument document, McpClient client, ConfigScope scope) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(scope, "scope");
        List<McpServer> servers = new ArrayList<>();
        List<JsonValue.ObjectValue> inputs = new ArrayList<>();
        Optional<JsonValue.ObjectValue> root = document.root().flatMap(JsonValue::asObject);
        if (root.isPresent()) {
            JsonValue.ObjectValue r = root.get();
            switch (client) {
                case VSCODE:
                    containers(r, "servers").forEach(c -> addServers(c, client, Optional.empty(), servers));
                    r.getObject("mcp").ifPresent(mcp -> mcp.getObject("servers")
                            .ifPresent(c -> addServers(c, client, Optional.empty(), servers)));
                    collectInputs(r, inputs);
                    r.getObject("mcp").ifPresent(mcp -> collectInputs(mcp, inputs));
                    break;
                case CLAUDE_CODE:
                    containers(r, "mcpServers").forEach(c -> addServers(c, client, Optional.empty(), servers));
                    r.getObject("projects").ifPresent(projects -> {
                        for (JsonValue.Member project : projects.members()) {
                            project.value().asObject().flatMap(p -> p.getObject("mcpServers")).ifPresent(
                                    c -> addServers(c, client, Optional.of(project.name()), servers));
                        }
                    });
                    break;
                case GENERIC:
                    containers(r, "mcpServers").forEach(c -> addServers(c, client, Optional.empty(), servers));
                    if (servers.isEmpty()) {
                        containers(r, "servers").forEach(c -> addServers(c, client, Optional.empty(), servers));
                    }
                    break;
                default:
                    containers(r, "mcpServers").forEach(c -> addServers(c, client, Optional.empty(), servers));
            }
        }
        return new McpConfigFile(client, scope, document.file(), document, servers, inputs);
    }

    private static List<JsonValue.ObjectValue> containers(JsonValue.ObjectValue root, String name) {
        return root.getObject(name).map(List::of).orElse(List.of());
    }

    private static void collectInputs(JsonValue.ObjectValue owner, List<JsonValue.ObjectValue> inputs) {
        owner.get("inputs").flatMap(JsonValue::asArray).ifPresent(a -> a.elements().forEach(
                e -> e.asObject().ifPresent(inputs::add)));
    }

    private static void addServers(JsonValue.ObjectValue container, McpClient client, Optional<String> project,
            List<McpServer> out) {
        for (Map.Entry<String, JsonValue> e : container.asMap().entrySet()) {
            e.getValue().asObject().ifPresent(def -> out.add(server(client, e.getKey(), project, def)));
        }
    }

    private static McpServer server(McpClient client, String name, Optional<String> project, JsonValue.ObjectValue def) {
        Optional<JsonValue.StringValue> command = def.getString("command");
        List<JsonValue.StringValue> args = new ArrayList<>();
        def.get("args").flatMap(JsonValue::asArray).ifPresent(a -> a.elements().forEach(
                e -> e.asString().ifPresent(args::add)));
        Optional<JsonValue.StringValue> url = def.getString("url");
        boolean httpUrl = false;
        if (client == McpClient.GEMINI_CLI && def.getString("httpUrl").isPresent()) {
            url = def.getString("httpUrl");    // Gemini CLI tries httpUrl before url
            httpUrl = true;
        }
        if (url.isEmpty()) {
            url = def.getString("serverUrl");
        }
        if (url.isEmpty()) {
            url = def.getString("httpUrl");
            httpUrl = url.isPresent();
        }
        boolean disabled = def.get("disabled").filter(v -> v instanceof JsonValue.BooleanValue b && b.value()).isPresent();
        return new McpServer(client, name, project, def,
                transport(def, command.isPresent(), url.isPresent(), httpUrl, client), command, args,
                strings(def.getObject("env")), url, strings(def.getObject("headers")), def.getString("cwd"),
                def.getString("envFile"), disabled);
    }

    private static McpServer.Transport transport(JsonValue.ObjectValue def, boolean hasCommand, boolean hasUrl,
            boolean httpUrl, McpClient client) {
        String type = def.getString("type").or(() -> def.getString("transport"))
                .map(s -> s.value().toLowerCase(Locale.ROOT)).orElse("");
        // An entry with both a command and a URL is read as each client reads it. Gemini CLI takes httpUrl, then
        // url, then command (packages/core/src/tools/mcp-client.ts, createTransport), so its URL wins. Claude
        // Desktop's file only starts commands; Claude Code, Cursor, VS Code and Windsurf follow "type" and
        // otherwise start the command (docs/design.md, "Entries with a command and a URL").
        if (client == McpClient.GEMINI_CLI && hasUrl) {
            return httpUrl || type.equals("http") ? McpServer.Transport.HTTP : McpServer.Transport.SSE;
        }
        switch (type) {
            case "stdio":
                return McpServer.Transport.STDIO;
            case "sse":
                return McpServer.Transport.SSE;
            case "http":
            case "streamable-http":
            case "streamablehttp":
                return McpServer.Transport.HTTP;
            default:
                if (hasCommand) {
                    return McpServer.Transport.STDIO;
                }
                if (hasUrl) {
                    // Gemini CLI: "url" means SSE and "httpUrl" streamable HTTP
                    return client == McpClient.GEMINI_CLI && !httpUrl ? McpServer.Transport.SSE : McpServer.Transport.HTTP;
                }
                return McpServer.Transport.UNKNOWN;
        }
    }

    private static Map<String, JsonValue.StringValue> strings(Optional<JsonValue.ObjectValue> object) {
        Map<String, JsonValue.StringValue> map = new LinkedHashMap<>();
        object.ifPresent(o -> o.asMap().forEach((k, v) -> v.asString().ifPresent(s -> map.put(k, s))));
        return map;
    }
}
