package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment a server process gets: its {@code env} entries, plus the assignments that lead
 * the script of a shell wrapper, as the security guide writes them
 * ({@code "command": "sh", "args": ["-c", "MYSQL_HOST=127.0.0.1 MYSQL_PASSWORD=$MYSQL_ROOT_PASSWORD node server.js"]}).
 * Assignments take the location of the script argument.
 */
final class ServerEnvironment {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh");

    private ServerEnvironment() {
    }

    static Map<String, JsonValue.StringValue> of(McpServer server) {
        Map<String, JsonValue.StringValue> env = new LinkedHashMap<>(server.env());
        List<JsonValue.StringValue> line = server.commandLine();
        if (line.isEmpty() || !SHELLS.contains(line.get(0).value().substring(line.get(0).value().lastIndexOf('/') + 1))) {
            return env;
        }
        for (int i = 1; i + 1 < line.size(); i++) {
            if (line.get(i).value().matches("-[a-z]*c")) {
                JsonValue.StringValue script = line.get(i + 1);
                leadingAssignments(script.value()).forEach((k, v) -> env.putIfAbsent(k,
                        new JsonValue.StringValue(v, script.location())));
                break;
            }
        }
        return env;
    }

    /** {@code NAME=value} words before the command of a script, with shell quoting removed. */
    static Map<String, String> leadingAssignments(String script) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = script.length();
        while (true) {
            while (i < n && Character.isWhitespace(script.charAt(i))) {
                i++;
            }
            int nameStart = i;
            while (i < n && (Character.isLetterOrDigit(script.charAt(i)) || script.charAt(i) == '_')) {
                i++;
            }
            if (i == nameStart || i >= n || script.charAt(i) != '=' || Character.isDigit(script.charAt(nameStart))) {
                return out;
            }
            String name = script.substring(nameStart, i++);
            StringBuilder value = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                char c = script.charAt(i);
                if (quote == 0 && (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|')) {
                    break;
                } else if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else if (c == '$' && quote != '\'' && i + 1 < n && script.charAt(i + 1) == '(') {
                    int end = closingParen(script, i + 1);
                    value.append(script, i, end + 1);
                    i = end;
                } else if (c == '\\' && quote != '\'' && i + 1 < n) {
                    value.append(script.charAt(++i));
                } else {
                    value.append(c);
                }
            }
            out.put(name, value.toString());
        }
    }

    /** The index of the parenthesis closing the one at {@code open}, or the last index. */
    private static int closingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length() - 1;
    }
}
