package dev.mcpsecrets.policy.internal.checks;

import static dev.mcpsecrets.api.internal.files.FileSafety.shellQuote;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the exact fixes the findings name: a reference to put in place, and the mcp-secrets run line. */
final class Remediation {
    private Remediation() {
    }

    /**
     * A 1Password reference for a variable of a server, e.g. {@code op://Private/GitHub/token}.
     *
     * @param server the server
     * @param shape its shape, if known
     * @param name the variable or header name
     * @return the suggested reference
     */
    static String opReference(McpServer server, Optional<ServerShape> shape, String name) {
        String item = shape.map(ServerShape::name).orElse(server.name()).replace('/', '-');
        return "op://Private/" + item + "/" + field(name);
    }

    static String field(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.contains("PASS") || n.contains("PWD")) {
            return "password";
        }
        if (n.contains("API_KEY") || n.contains("APIKEY") || n.contains("API-KEY")) {
            return "api-key";
        }
        if (n.contains("SECRET")) {
            return "secret";
        }
        if (n.contains("KEY")) {
            return "key";
        }
        return n.contains("TOKEN") || n.contains("AUTH") ? "token" : "credential";
    }

    /**
     * What the server really runs: the command line, or the command of an {@code sh -c} wrapper, or
     * what follows {@code --} when it is already started through {@code mcp-secrets run}.
     *
     * @param server the server
     * @return the words of the command
     */
    static List<String> serverCommand(McpServer server) {
        List<String> line = server.commandLine().stream().map(JsonValue.StringValue::value).collect(Collectors.toList());
        Optional<JsonValue.StringValue> script = ShellScript.scriptArgument(server.commandLine());
        if (script.isPresent()) {
            return ShellScript.parse(script.get().value()).finalCommand();
        }
        if (!line.isEmpty() && program(line.get(0)).equals("mcp-secrets") && line.contains("--")) {
            return line.subList(line.indexOf("--") + 1, line.size());
        }
        return line;
    }

    /**
     * The server's command with its plaintext secrets taken out: a {@code --flag=secret} word is
     * dropped (with a {@code --flag} before a secret word), the secret is cut out of any other word.
     *
     * @param server the server
     * @param secrets the plaintext secrets found in this server's entry
     * @return the words, safe to show
     */
    static List<String> commandWithout(McpServer server, java.util.Collection<Plaintext> secrets) {
        List<String> words = new ArrayList<>();
        for (String w : serverCommand(server)) {
            String cut = w;
            for (Plaintext p : secrets) {
                if (p.server() == server && !p.value().isEmpty() && cut.contains(p.value())) {
                    cut = cut.startsWith("-") && cut.endsWith("=" + p.value()) ? ""
                            : cut.replace(p.value(), "").replace(":@", "@");
                    if (cut.isEmpty() && !words.isEmpty() && words.get(words.size() - 1).startsWith("-")
                            && !w.startsWith("-")) {
                        words.remove(words.size() - 1);
                    }
                }
            }
            if (!cut.isEmpty()) {
                words.add(cut);
            }
        }
        return words;
    }

    static String program(String token) {
        int slash = Math.max(token.lastIndexOf('/'), token.lastIndexOf('\\'));
        return token.substring(slash + 1);
    }

    /**
     * The shell line that starts the server with its secrets resolved from references.
     *
     * @param server the server
     * @param refs {@code NAME=reference} assignments
     * @return e.g. {@code mcp-secrets run --env GITHUB_TOKEN=op://Private/GitHub/token -- npx -y …}
     */
    static String runLine(McpServer server, List<String> refs) {
        return runLine(refs, serverCommand(server));
    }

    /**
     * The run line for a given command.
     *
     * @param refs {@code NAME=reference} assignments
     * @param command the words of the command
     * @return the line
     */
    static String runLine(List<String> refs, List<String> command) {
        StringBuilder sb = new StringBuilder("mcp-secrets run");
        for (String r : refs) {
            sb.append(" --env ").append(shellQuote(r));
        }
        sb.append(" --");
        command.forEach(w -> sb.append(' ').append(shellQuote(w)));
        return sb.toString();
    }

    /**
     * The config entry that does the same as {@link #runLine}: {@code "command": "mcp-secrets", "args": […]}.
     *
     * @param server the server
     * @param refs {@code NAME=reference} assignments
     * @return the JSON members
     */
    static String runEntry(McpServer server, List<String> refs) {
        return runEntry(refs, serverCommand(server));
    }

    /**
     * The config entry for a given command.
     *
     * @param refs {@code NAME=reference} assignments
     * @param command the words of the command
     * @return the JSON members
     */
    static String runEntry(List<String> refs, List<String> command) {
        List<String> args = new ArrayList<>();
        args.add("run");
        for (String r : refs) {
            args.add("--env");
            args.add(r);
        }
        args.add("--");
        args.addAll(command);
        return "\"command\": \"mcp-secrets\", \"args\": [" + args.stream().map(Remediation::jsonString)
                .collect(Collectors.joining(", ")) + "]";
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
