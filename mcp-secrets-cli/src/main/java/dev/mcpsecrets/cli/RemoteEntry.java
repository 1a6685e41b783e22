package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One remote server entry of an MCP client config, for {@code bridge --config}: its URL ({@code url},
 * {@code serverUrl} or {@code httpUrl}, as the project's one config reader takes them) and its
 * {@code headers}, whose values may hold {@code {REF}} and {@code ${VAR}}. Errors name the file, line and
 * column, never a value.
 */
record RemoteEntry(String name, String url, Map<String, String> headers) {

    static RemoteEntry of(McpConfigFile config, String name, int exitCode) {
        if (config.document().root().isEmpty()) {
            throw new CliException(exitCode, LaunchEntry.unreadable(config));
        }
        List<McpServer> declared = config.servers().stream().filter(s -> s.project().isEmpty()).toList();
        McpServer server = declared.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (server == null) {
            TreeSet<String> names = new TreeSet<>();
            declared.forEach(s -> names.add(s.name()));
            throw new CliException(exitCode, config.path() + ": no server named '" + name + "' (declared: "
                    + String.join(", ", names) + ")");
        }
        JsonValue.ObjectValue entry = server.definition();
        if (server.url().isEmpty()) {
            throw new CliException(exitCode, entry.location().display() + ": server '" + name
                    + "' has no \"url\" (or \"serverUrl\", \"httpUrl\") to bridge to");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        entry.get("headers").ifPresent(h -> {
            JsonValue.ObjectValue object = h.asObject().orElseThrow(() -> new CliException(exitCode,
                    h.location().display() + ": server '" + name + "': headers must be an object"));
            for (Map.Entry<String, JsonValue> e : object.asMap().entrySet()) {
                String value = e.getValue().asString().map(JsonValue.StringValue::value).orElseThrow(() ->
                        new CliException(exitCode, e.getValue().location().display() + ": server '" + name
                                + "': headers." + e.getKey() + " must be a string, not " + e.getValue().typeName()));
                headers.put(e.getKey(), value);
            }
        });
        return new RemoteEntry(name, server.url().get().value(), headers);
    }
}
