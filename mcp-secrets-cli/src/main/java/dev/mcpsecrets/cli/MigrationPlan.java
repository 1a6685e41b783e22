package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.LauncherCatalog;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.RemoteLaunch;
import dev.mcpsecrets.policy.config.ServerCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code migrate} will do to one config file: which plaintext values move to the store, and the text edits
 * that make their entries use references. A stdio entry's {@code env} values, and the command-line secrets
 * {@link ArgumentMoves} can hand over through a variable, move into {@code mcp-secrets run --env NAME=REF … --}
 * before the original command; a remote entry or a launcher of one ({@code mcp-remote} …) becomes
 * {@code mcp-secrets bridge --header 'NAME: {REF}' … URL} ({@link BridgeRewrite}). What cannot move the same way
 * is listed with the reason, and that entry stays as it is: an entry moves whole or not at all.
 */
final class MigrationPlan {
    /** The rules whose findings are plaintext secrets in a config. */
    static final Set<String> SECRET_RULES = Set.of("MCP-SEC-001", "MCP-SEC-002", "MCP-CMD-001");
    private static final Pattern KIND = Pattern.compile("holds a plaintext (.{1,80}?) in the ");

    /** One value to move: the variable of a server, its value as read, and where it goes. */
    static final class Move {
        final McpServer server;
        final String variable;
        /** The JSON string of the config that holds it (an env value, an argument, a header). */
        final JsonValue.StringValue carrier;
        /** The value itself: all of an env value, or the part of an argument or header that is the secret. */
        final String secret;
        final String kind;
        /** The server part of the store name (the server's name, or with a suffix when taken by another value). */
        String storeServer;
        String reference;
        /** Whether this move stores the value (false when another move with the same value already does). */
        boolean stores = true;

        Move(McpServer server, String variable, JsonValue.StringValue carrier, String secret, String kind) {
            this.server = server;
            this.variable = variable;
            this.carrier = carrier;
            this.secret = secret;
            this.kind = kind;
        }

        /** Whether the value is the whole of an env value of its entry (it leaves {@code env}). */
        boolean fromEnv() {
            return server.env().get(variable) == carrier;
        }

        @Override
        public String toString() {
            return "Move[" + server.name() + " " + variable + "]";
        }
    }

    /** An entry that is reported and left alone, and why. */
    record Left(Path file, String server, String reason) {
    }

    private static final ServerCatalog catalog = ServerCatalog.builtIn();

    final McpConfigFile config;
    final byte[] original;
    final JsonTextEdits text;
    final Map<McpServer, List<Move>> moves = new LinkedHashMap<>();
    /** For entries whose arguments change: the changes. */
    final Map<McpServer, ArgumentMoves> argumentMoves = new LinkedHashMap<>();
    /** Entries that become {@code mcp-secrets bridge}. */
    final Map<McpServer, BridgeRewrite> bridges = new LinkedHashMap<>();
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
        // every finding of a string: a string may hold more than one secret (two NAME=value words of a script)
        Map<String, List<Finding>> byPointer = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (SECRET_RULES.contains(f.ruleId()) && f.location().jsonPointer() != null) {
                byPointer.computeIfAbsent(f.location().jsonPointer(), k -> new ArrayList<>()).add(f);
                maskAt(f);
            }
        }
        for (McpServer server : config.servers()) {
            String prefix = server.definition().pointer() + "/";
            List<Finding> mine = byPointer.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix)).flatMap(e -> e.getValue().stream()).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Optional<RemoteLaunch> launch = LauncherCatalog.builtIn().read(server);
            if (server.transport() != McpServer.Transport.STDIO || launch.isPresent()) {
                bridge(server, launch, mine);
                continue;
            }
            String why = whyLeft(server);
            ArgumentMoves arguments = new ArgumentMoves(server, catalog.identify(server), config.path());
            List<Move> list = new ArrayList<>();
            for (Finding f : mine) {
                String pointer = f.location().jsonPointer();
                Map.Entry<String, JsonValue.StringValue> env = server.env().entrySet().stream()
                        .filter(e -> e.getValue().pointer().equals(pointer)).findFirst().orElse(null);
                int arg = indexOf(server.args(), pointer);
                if (why != null) {
                    break;
                } else if (env != null) {
                    // the whole value moves, whatever number of secrets it holds
                    if (list.stream().noneMatch(m -> m.carrier == env.getValue())) {
                        list.add(new Move(server, env.getKey(), env.getValue(), env.getValue().value(), kind(f)));
                    }
                } else if (arg >= 0) {
                    int inThisArgument = byPointer.get(pointer).size();
                    why = inThisArgument > 1 && !ScriptPrefix.isScriptArgument(server, arg)
                            ? "the argument at " + f.location().display() + " holds " + inThisArgument + " secrets; only "
                                    + "the NAME=value words of a sh -c script move one by one, so move these by hand"
                            : arguments.plan(f, arg, inThisArgument);
                } else {
                    why = "secret at " + f.location().display() + " is neither an env value nor an argument";
                }
            }
            for (ArgumentMoves.Found m : arguments.found) {
                list.add(new Move(server, m.variable(), m.carrier(), m.secret(), kind(m.finding())));
            }
            if (why == null && list.stream().map(m -> m.variable).distinct().count() < list.size()) {
                why = "two of its secrets would move to the same variable";
            }
            if (why != null) {
                left.add(new Left(config.path(), server.label(), why));
                continue;
            }
            if (!arguments.changes.isEmpty()) {
                argumentMoves.put(server, arguments);
            }
            moves.put(server, list);
        }
    }

    private void bridge(McpServer server, Optional<RemoteLaunch> launch, List<Finding> mine) {
        String why = null;
        if (!MigrationStore.SERVER_NAME.matcher(server.name()).matches()) {
            why = "its name cannot be part of a secret reference (letters, digits, '.', '_', '-' only): rename it";
        } else if (launch.isEmpty() && server.url().isEmpty()) {
            why = "neither a command nor a URL";
        } else if (twice(server, "url", "serverUrl", "httpUrl", "headers", "command", "args", "env", "type")) {
            why = "it names a member twice";
        }
        BridgeRewrite b = why != null ? null
                : launch.map(l -> BridgeRewrite.launcher(server, l, mine)).orElseGet(() -> BridgeRewrite.remote(server, mine));
        if (b != null && b.left == null) {
            for (Finding f : mine) {
                String pointer = f.location().jsonPointer();
                if (b.moves.stream().noneMatch(m -> m.carrier.pointer().equals(pointer))) {
                    b.left = "secret at " + f.location().display() + " is not a header value the bridge can carry";
                }
            }
        }
        why = why != null ? why : b.left;
        if (why != null) {
            left.add(new Left(config.path(), server.label(), "remote entry: " + why));
            return;
        }
        bridges.put(server, b);
        moves.put(server, b.moves);
    }

    private static boolean twice(McpServer server, String... names) {
        for (String n : names) {
            if (server.definition().members().stream().filter(m -> m.name().equals(n)).count() > 1) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(List<JsonValue.StringValue> args, String pointer) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).pointer().equals(pointer)) {
                return i;
            }
        }
        return -1;
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

    /** Why a stdio entry with findings is left alone whatever its secrets, or {@code null}. */
    private static String whyLeft(McpServer server) {
        if (server.command().isEmpty()) {
            return "it has no command";
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
        if (twice(server, "env", "args", "command")) {
            return "it names env, args or command twice";
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
     * original command (arguments changed as planned), or through {@code launcher bridge}, and take the moved
     * values out of {@code env}.
     */
    List<JsonTextEdits.Edit> edits(String launcher) {
        List<JsonTextEdits.Edit> edits = new ArrayList<>();
        for (Map.Entry<McpServer, List<Move>> e : moves.entrySet()) {
            BridgeRewrite bridge = bridges.get(e.getKey());
            edits.addAll(bridge != null ? bridgeEdits(e.getKey(), bridge, launcher) : entryEdits(e.getKey(), e.getValue(), launcher));
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

    /** The command line an entry has after the migration. */
    List<String> expectedCommandLine(McpServer server, String launcher) {
        List<String> line = new ArrayList<>(List.of(launcher));
        BridgeRewrite bridge = bridges.get(server);
        if (bridge != null) {
            line.addAll(bridge.args());
            return line;
        }
        line.addAll(runArgs(moves.get(server)));
        line.add(server.command().orElseThrow().value());
        ArgumentMoves arguments = argumentMoves.get(server);
        if (arguments != null) {
            line.addAll(arguments.changedArgs());
        } else {
            server.args().forEach(a -> line.add(a.value()));
        }
        return line;
    }

    /** The variables an entry's env loses. */
    List<String> removedEnv(McpServer server) {
        BridgeRewrite bridge = bridges.get(server);
        List<String> out = new ArrayList<>(bridge != null ? bridge.movedEnv : List.of());
        moves.get(server).stream().filter(Move::fromEnv).forEach(m -> out.add(m.variable));
        return out;
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
            ArgumentMoves arguments = argumentMoves.get(server);
            boolean noneKept = arguments != null && arguments.changedArgs().isEmpty();
            edits.add(new JsonTextEdits.Edit(first, first, String.join(sep, items) + (noneKept ? "" : sep)));
            if (arguments != null) {
                edits.addAll(argumentEdits(args, arguments));
            }
        }
        edits.addAll(envEdits(def, removedEnv(server)));
        return edits;
    }

    /** Replaces changed arguments in place and removes dropped ones with the separator that follows them. */
    private List<JsonTextEdits.Edit> argumentEdits(JsonValue.ArrayValue args, ArgumentMoves arguments) {
        List<JsonTextEdits.Edit> edits = new ArrayList<>();
        List<JsonValue> elements = args.elements();
        java.util.Set<Integer> removed = new java.util.TreeSet<>();
        Map<Integer, String> replaced = new LinkedHashMap<>();
        for (ArgumentMoves.Change c : arguments.changes) {
            if (c.text() == null) {
                removed.add(c.index());
                replaced.remove(c.index());
            } else {
                replaced.put(c.index(), c.text());
            }
        }
        replaced.forEach((i, t) -> edits.add(new JsonTextEdits.Edit(text.start(elements.get(i)), text.end(elements.get(i)),
                JsonTextEdits.quote(t))));
        int lastKept = -1;
        for (int i = 0; i < elements.size(); i++) {
            if (!removed.contains(i)) {
                lastKept = i;
            }
        }
        for (int i : removed) {
            if (i < lastKept) {
                edits.add(new JsonTextEdits.Edit(text.start(elements.get(i)), text.start(elements.get(i + 1)), ""));
            }
        }
        if (lastKept < elements.size() - 1) {
            // the removed run at the end takes the separator before it; the inserted run prefix keeps the array non-empty
            int from = lastKept >= 0 ? text.end(elements.get(lastKept)) : text.start(elements.get(0));
            edits.add(new JsonTextEdits.Edit(from, text.end(elements.get(elements.size() - 1)), ""));
        }
        return edits;
    }

    private List<JsonTextEdits.Edit> envEdits(JsonValue.ObjectValue def, List<String> gone) {
        Optional<JsonValue.ObjectValue> env = def.getObject("env");
        if (env.isEmpty() || gone.isEmpty()) {
            return List.of();
        }
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < env.get().members().size(); i++) {
            if (gone.contains(env.get().members().get(i).name())) {
                removed.add(i);
            }
        }
        if (removed.size() == env.get().members().size()) {
            return text.removeMembers(def, List.of(def.members().indexOf(member(def, "env"))));
        }
        return text.removeMembers(env.get(), removed);
    }

    /** The entry starts {@code launcher bridge …}: command and args replaced, URL and headers removed. */
    private List<JsonTextEdits.Edit> bridgeEdits(McpServer server, BridgeRewrite bridge, String launcher) {
        List<JsonTextEdits.Edit> edits = new ArrayList<>();
        JsonValue.ObjectValue def = server.definition();
        String args = "[" + String.join(", ", bridge.args().stream().map(JsonTextEdits::quote).toList()) + "]";
        String commandAndArgs = "\"command\": " + JsonTextEdits.quote(launcher) + ", \"args\": " + args;
        if (server.command().isPresent() && server.transport() == McpServer.Transport.STDIO) {
            JsonValue.StringValue command = server.command().get();
            edits.add(new JsonTextEdits.Edit(text.start(command), text.end(command), JsonTextEdits.quote(launcher)));
            JsonValue argsValue = def.get("args").orElseThrow();
            edits.add(new JsonTextEdits.Edit(text.start(argsValue), text.end(argsValue), args));
            edits.addAll(envEdits(def, removedEnv(server)));
            return edits;
        }
        // a remote entry: its URL member becomes command and args; the other URL members, headers, a command a
        // client ignored and the rest of what only a remote or that command used go
        JsonValue.StringValue url = server.url().orElseThrow();
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < def.members().size(); i++) {
            JsonValue.Member m = def.members().get(i);
            if (m.value() == url) {
                edits.add(new JsonTextEdits.Edit(text.offset(m.nameLocation()), text.end(m.value()), commandAndArgs));
            } else if (List.of("url", "serverUrl", "httpUrl", "headers", "command", "args").contains(m.name())) {
                removed.add(i);
            } else if ((m.name().equals("type") || m.name().equals("transport")) && m.value() instanceof JsonValue.StringValue t) {
                edits.add(new JsonTextEdits.Edit(text.start(t), text.end(t), "\"stdio\""));
            }
        }
        edits.addAll(text.removeMembers(def, removed));
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
