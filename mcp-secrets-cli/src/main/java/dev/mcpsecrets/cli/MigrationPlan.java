package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code migrate} will do to one config file: which plaintext {@code env} values of which stdio entries
 * move to the store, and the text edits that make those entries launch through {@code mcp-secrets run}. What
 * the audit reports but migrate cannot move (remote entries, secrets on command lines or in URLs, names that
 * cannot be part of a reference) is listed, and those entries stay as they are.
 */
final class MigrationPlan {
    /** The rules whose findings are plaintext secrets in a config. */
    static final Set<String> SECRET_RULES = Set.of("MCP-SEC-001", "MCP-SEC-002", "MCP-CMD-001");
    private static final Pattern KIND = Pattern.compile("holds a plaintext (.{1,80}?) in the ");

    /** One value to move: the variable of a server, its value as read, and where it goes. */
    static final class Move {
        final McpServer server;
        final String variable;
        final JsonValue.StringValue value;
        final String kind;
        /** The server part of the store name (the server's name, or with a suffix when taken by another value). */
        String storeServer;
        String reference;
        /** Whether this move stores the value (false when another move with the same value already does). */
        boolean stores = true;

        Move(McpServer server, String variable, JsonValue.StringValue value, String kind) {
            this.server = server;
            this.variable = variable;
            this.value = value;
            this.kind = kind;
        }
    }

    /** An entry that is reported and left alone, and why. */
    record Left(Path file, String server, String reason) {
    }

    final McpConfigFile config;
    final byte[] original;
    final JsonTextEdits text;
    final Map<McpServer, List<Move>> moves = new LinkedHashMap<>();
    final List<Left> left = new ArrayList<>();
    /** Every string a finding points at, masked, for the diff. */
    final List<JsonTextEdits.Edit> masks = new ArrayList<>();

    MigrationPlan(McpConfigFile config, byte[] original, String text) {
        this.config = config;
        this.original = original.clone();
        this.text = new JsonTextEdits(text);
    }

    /** Sorts this file's findings into moves and entries left alone. */
    void classify(List<Finding> findings) {
        Map<String, Finding> byPointer = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (SECRET_RULES.contains(f.ruleId()) && f.location().jsonPointer() != null) {
                byPointer.putIfAbsent(f.location().jsonPointer(), f);
                maskAt(f);
            }
        }
        for (McpServer server : config.servers()) {
            String prefix = server.definition().pointer() + "/";
            List<Finding> mine = byPointer.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList();
            if (mine.isEmpty()) {
                continue;
            }
            String why = whyLeft(server, mine);
            if (why != null) {
                left.add(new Left(config.path(), server.label(), why));
                continue;
            }
            List<Move> list = new ArrayList<>();
            server.env().forEach((name, value) -> {
                Finding f = byPointer.get(value.pointer());
                if (f != null) {
                    list.add(new Move(server, name, value, kind(f)));
                }
            });
            moves.put(server, list);
        }
    }

    private void maskAt(Finding f) {
        try {
            int start = text.offset(f.location());
            if (start < text.text().length() && text.text().charAt(start) == '"') {
                int end = text.valueEnd(start);
                masks.add(new JsonTextEdits.Edit(start, end, "\"****\""));
            }
        } catch (IllegalStateException e) {
            // a position the text does not have: nothing to mask there
        }
    }

    /** Why an entry with findings is left alone, or {@code null} when its secrets can move. */
    private static String whyLeft(McpServer server, List<Finding> findings) {
        if (server.transport() != McpServer.Transport.STDIO || server.command().isEmpty()) {
            return "remote entry (url/headers): left alone; keep its token out of the file by hand for now";
        }
        if (!MigrationStore.SERVER_NAME.matcher(server.name()).matches()) {
            return "its name cannot be part of a secret reference (letters, digits, '.', '_', '-' only): rename it";
        }
        String program = Path.of(server.command().get().value().replace('\\', '/')).getFileName() + "";
        if (program.equals("mcp-secrets") || program.equals("mcp-secrets.cmd")) {
            return "already launched through mcp-secrets; move the remaining value by hand";
        }
        if (server.definition().get("args").isPresent() && server.definition().get("args").get().asArray()
                .map(a -> a.elements().stream().anyMatch(e -> e.asString().isEmpty())).orElse(true)) {
            return "its args are not a list of strings";
        }
        if (server.definition().members().stream().filter(m -> m.name().equals("env")).count() > 1
                || server.definition().members().stream().filter(m -> m.name().equals("args")).count() > 1
                || server.definition().members().stream().filter(m -> m.name().equals("command")).count() > 1) {
            return "it names env, args or command twice";
        }
        for (Finding f : findings) {
            String pointer = f.location().jsonPointer();
            boolean env = server.env().entrySet().stream().anyMatch(e -> e.getValue().pointer().equals(pointer));
            if (!env) {
                return "secret at " + f.location().display() + " is not an env value (a command-line argument, script "
                        + "or URL): the server reads it from there, so it cannot move to a reference; change the "
                        + "entry to take it from an environment variable first";
            }
        }
        for (String variable : server.env().keySet()) {
            if (!MigrationStore.VARIABLE_NAME.matcher(variable).matches()) {
                return "an env name cannot be part of a secret reference (letters, digits, '_' only)";
            }
        }
        return null;
    }

    static String kind(Finding f) {
        Matcher m = KIND.matcher(f.message());
        return m.find() ? m.group(1) : (f.ruleId().equals("MCP-SEC-002") ? "credential value" : "secret");
    }

    /**
     * The edits that make each planned entry launch through {@code launcher run --env NAME=REF … --} with its
     * original command, and take the moved values out of {@code env}.
     */
    List<JsonTextEdits.Edit> edits(String launcher) {
        List<JsonTextEdits.Edit> edits = new ArrayList<>();
        for (Map.Entry<McpServer, List<Move>> e : moves.entrySet()) {
            edits.addAll(entryEdits(e.getKey(), e.getValue(), launcher));
        }
        return edits;
    }

    /** The args an entry gets, before its original arguments. */
    static List<String> runArgs(List<Move> moves) {
        List<String> args = new ArrayList<>(List.of("run"));
        for (Move m : moves) {
            args.add("--env");
            args.add(m.variable + "=" + m.reference);
        }
        args.add("--");
        return args;
    }

    private List<JsonTextEdits.Edit> entryEdits(McpServer server, List<Move> list, String launcher) {
        List<JsonTextEdits.Edit> edits = new ArrayList<>();
        JsonValue.ObjectValue def = server.definition();
        JsonValue.StringValue command = server.command().orElseThrow();
        int cs = text.start(command);
        int ce = text.end(command);
        String commandLiteral = text.text().substring(cs, ce);
        edits.add(new JsonTextEdits.Edit(cs, ce, JsonTextEdits.quote(launcher)));
        List<String> items = new ArrayList<>();
        runArgs(list).forEach(a -> items.add(JsonTextEdits.quote(a)));
        items.add(commandLiteral);
        JsonValue.ArrayValue args = def.get("args").flatMap(JsonValue::asArray).orElse(null);
        if (args == null) {
            JsonValue.Member commandMember = member(def, "command");
            int nameAt = text.offset(commandMember.nameLocation());
            String sep = text.firstOnLine(nameAt) ? text.lineEnd() + text.indentOf(nameAt) : " ";
            edits.add(new JsonTextEdits.Edit(ce, ce, "," + sep + "\"args\": [" + String.join(", ", items) + "]"));
        } else if (args.elements().isEmpty()) {
            edits.add(new JsonTextEdits.Edit(text.start(args), text.end(args), "[" + String.join(", ", items) + "]"));
        } else {
            int first = text.start(args.elements().get(0));
            boolean multiLine = args.elements().get(0).location().line() > args.location().line()
                    && text.firstOnLine(first);
            String sep = "," + (multiLine ? text.lineEnd() + text.indentOf(first) : " ");
            edits.add(new JsonTextEdits.Edit(first, first, String.join(sep, items) + sep));
        }
        JsonValue.ObjectValue env = def.getObject("env").orElseThrow();
        Set<String> moved = new java.util.HashSet<>();
        list.forEach(m -> moved.add(m.variable));
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < env.members().size(); i++) {
            if (moved.contains(env.members().get(i).name())) {
                removed.add(i);
            }
        }
        if (removed.size() == env.members().size()) {
            int index = def.members().indexOf(member(def, "env"));
            edits.addAll(text.removeMembers(def, List.of(index)));
        } else {
            edits.addAll(text.removeMembers(env, removed));
        }
        return edits;
    }

    private static JsonValue.Member member(JsonValue.ObjectValue object, String name) {
        for (int i = object.members().size() - 1; i >= 0; i--) {
            if (object.members().get(i).name().equals(name)) {
                return object.members().get(i);
            }
        }
        throw new IllegalStateException("no member " + name);
    }

    boolean isEmpty() {
        return moves.isEmpty();
    }
}
