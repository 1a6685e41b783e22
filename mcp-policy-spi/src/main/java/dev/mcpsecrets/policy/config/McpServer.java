package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.policy.source.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One MCP server entry of a client config, with the position of every value. Values that are not
 * strings where strings are expected are left out of the typed views but remain in
 * {@link #definition()}.
 *
 * @param client the client whose config holds the entry
 * @param name the server's name (its key in the config)
 * @param project for Claude Code's per-project entries in {@code ~/.claude.json}, the project path
 * @param definition the whole entry as written
 * @param transport how the client talks to it
 * @param command the command of a stdio server
 * @param args its arguments in order
 * @param env its environment, in document order
 * @param url the endpoint of a remote server ({@code url}, {@code serverUrl} or {@code httpUrl})
 * @param headers HTTP headers of a remote server, in document order
 * @param cwd the working directory, if set
 * @param envFile VS Code's {@code envFile}, if set
 * @param disabled whether the entry is switched off ({@code disabled: true})
 * @since 0.1
 */
public record McpServer(McpClient client, String name, Optional<String> project, JsonValue.ObjectValue definition,
        Transport transport, Optional<JsonValue.StringValue> command, List<JsonValue.StringValue> args,
        Map<String, JsonValue.StringValue> env, Optional<JsonValue.StringValue> url,
        Map<String, JsonValue.StringValue> headers, Optional<JsonValue.StringValue> cwd,
        Optional<JsonValue.StringValue> envFile, boolean disabled) {

    /** How a client reaches a server. */
    public enum Transport {
        /** A local process speaking JSON-RPC on stdin/stdout. */
        STDIO,
        /** Streamable HTTP. */
        HTTP,
        /** Server-sent events (the older remote transport). */
        SSE,
        /** Neither a command nor a URL is given. */
        UNKNOWN
    }

    /**
     * Copies the collections (maps keep their order).
     *
     * @param client the client
     * @param name the name
     * @param project the project
     * @param definition the entry
     * @param transport the transport
     * @param command the command
     * @param args the arguments
     * @param env the environment
     * @param url the URL
     * @param headers the headers
     * @param cwd the working directory
     * @param envFile the env file
     * @param disabled whether disabled
     */
    public McpServer {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(command, "command");
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        Objects.requireNonNull(url, "url");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(envFile, "envFile");
    }

    /**
     * Where the entry starts.
     *
     * @return the location of the entry's object
     */
    public Location location() {
        return definition.location();
    }

    /**
     * The command followed by the arguments.
     *
     * @return the command line as written (the command first, when there is one)
     */
    public List<JsonValue.StringValue> commandLine() {
        List<JsonValue.StringValue> line = new ArrayList<>(args.size() + 1);
        command.ifPresent(line::add);
        line.addAll(args);
        return List.copyOf(line);
    }

    /**
     * Every string value of the entry that could carry a credential: command, args, env values, URL,
     * header values, in that order.
     *
     * @return the values
     */
    public List<JsonValue.StringValue> credentialCarriers() {
        List<JsonValue.StringValue> all = new ArrayList<>(commandLine());
        all.addAll(env.values());
        url.ifPresent(all::add);
        all.addAll(headers.values());
        return List.copyOf(all);
    }

    /**
     * A label for reports: the server name, with the project for per-project entries.
     *
     * @return e.g. {@code github} or {@code github (project /home/me/app)}
     */
    public String label() {
        return project.map(p -> name + " (project " + p + ")").orElse(name);
    }

    @Override
    public String toString() {
        return "McpServer[" + client.displayName() + " " + label() + " at " + location().display() + "]";
    }
}
