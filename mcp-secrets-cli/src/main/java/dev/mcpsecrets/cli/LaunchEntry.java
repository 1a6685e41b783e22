package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ParseProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One stdio server entry of an MCP client config ({@code mcpServers} as Claude, Cursor and Windsurf
 * write it, or {@code servers} as VS Code does), taken from the project's one config reader and checked
 * just far enough to launch it: what to start, where, and with which environment (values may be
 * references). Errors name the file, line and column and what is wrong, never the file's text.
 */
record LaunchEntry(String name, String command, List<String> args, Map<String, String> env, Path cwd) {

    static LaunchEntry of(McpConfigFile config, String name) {
        Path file = config.path();
        if (config.document().root().isEmpty()) {
            throw failure(unreadable(config));
        }
        List<McpServer> declared = config.servers().stream().filter(s -> s.project().isEmpty()).toList();
        Optional<JsonValue.ObjectValue> root = config.document().root().flatMap(JsonValue::asObject);
        if (declared.isEmpty() && root.map(r -> r.getObject("mcpServers").isEmpty()
                && r.getObject("servers").isEmpty()).orElse(true)) {
            throw failure(file + ": no \"mcpServers\" (or \"servers\") object; is this an MCP client config?");
        }
        McpServer server = declared.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (server == null) {
            TreeSet<String> names = new TreeSet<>();
            declared.forEach(s -> names.add(s.name()));
            throw failure(file + ": no server named '" + name + "' (declared: " + String.join(", ", names) + ")");
        }
        JsonValue.ObjectValue entry = server.definition();
        Optional<JsonValue> command = entry.get("command");
        if (command.isEmpty() || command.get().asString().map(s -> s.value().isBlank()).orElse(false)) {
            throw failure(entry.location().display() + ": server '" + name
                    + "' has no \"command\" (only stdio servers can be started)");
        }
        String program = requireNoNul(name, "command", command.get());
        List<String> args = new ArrayList<>();
        Optional<JsonValue> argArray = entry.get("args");
        if (argArray.isPresent()) {
            JsonValue.ArrayValue array = argArray.get().asArray().orElseThrow(() -> failure(
                    argArray.get().location().display() + ": server '" + name + "': args must be an array of strings"));
            for (int i = 0; i < array.elements().size(); i++) {
                args.add(requireNoNul(name, "args[" + i + "]", array.elements().get(i)));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        Optional<JsonValue> envObject = entry.get("env");
        if (envObject.isPresent()) {
            JsonValue.ObjectValue object = envObject.get().asObject().orElseThrow(() -> failure(
                    envObject.get().location().display() + ": server '" + name + "': env must be an object"));
            for (Map.Entry<String, JsonValue> e : object.asMap().entrySet()) {
                env.put(e.getKey(), requireText(name, "env." + e.getKey(), e.getValue()));
            }
        }
        Optional<JsonValue> cwd = entry.get("cwd");
        // as written: the caller resolves a relative cwd in the trusted file's real directory
        Path dir = cwd.isEmpty() ? null : Path.of(requireNoNul(name, "cwd", cwd.get()));
        return new LaunchEntry(name, program, List.copyOf(args), env, dir);
    }

    /**
     * Why a config has no content: the problem that ended its reading (unreadable, too large or the
     * syntax error), by position and description, never by text.
     */
    static String unreadable(McpConfigFile config) {
        return config.document().problems().stream()
                .filter(p -> p.kind() == ParseProblem.Kind.SYNTAX_ERROR || p.kind() == ParseProblem.Kind.UNREADABLE
                        || p.kind() == ParseProblem.Kind.TOO_LARGE)
                .findFirst()
                .map(p -> p.location().display() + ": "
                        + (p.kind() == ParseProblem.Kind.SYNTAX_ERROR ? "not valid JSON: " : "") + p.message())
                .orElse(config.path() + ": cannot be read");
    }

    private static String requireText(String server, String what, JsonValue value) {
        return value.asString().map(JsonValue.StringValue::value).orElseThrow(() -> failure(
                value.location().display() + ": server '" + server + "': " + what + " must be a string, not "
                        + value.typeName()));
    }

    /** Text that becomes a path or an argv word: a NUL can be neither, and the text is never shown. */
    private static String requireNoNul(String server, String what, JsonValue value) {
        String text = requireText(server, what, value);
        if (text.indexOf('\0') >= 0) {
            throw failure(value.location().display() + ": server '" + server + "': " + what
                    + " contains a NUL character, which no command line or path can hold");
        }
        return text;
    }

    private static CliException failure(String message) {
        return new CliException(RunCommand.FAILED_BEFORE_START, message);
    }
}
