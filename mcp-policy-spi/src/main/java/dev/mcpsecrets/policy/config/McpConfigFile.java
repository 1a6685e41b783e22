package dev.mcpsecrets.policy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One MCP client config file: its parsed document (with every syntax problem) and the servers and
 * VS Code {@code inputs} it declares.
 *
 * @param client the client that reads the file
 * @param scope user-wide or per project
 * @param path the file
 * @param document the parsed document; check {@link JsonDocument#problems()}
 * @param servers the server entries, in document order (empty when the file did not parse)
 * @param inputs VS Code's {@code inputs} entries (prompted values such as API keys), in order
 * @since 0.1
 */
public record McpConfigFile(McpClient client, ConfigScope scope, Path path, JsonDocument document,
        List<McpServer> servers, List<JsonValue.ObjectValue> inputs) {

    /**
     * Copies the lists.
     *
     * @param client the client
     * @param scope the scope
     * @param path the path
     * @param document the document
     * @param servers the servers
     * @param inputs the inputs
     */
    public McpConfigFile {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(document, "document");
        servers = List.copyOf(servers);
        inputs = List.copyOf(inputs);
    }

    @Override
    public String toString() {
        return "McpConfigFile[" + client.displayName() + " " + scope + " " + path + ", " + servers.size() + " servers]";
    }
}
