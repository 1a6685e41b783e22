package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code NAME=value} word before the first command of a {@code sh -c} script: the shell exports it to
 * that command only, so taking it out and setting {@code NAME} in the shell's environment instead gives the
 * command the same environment.
 *
 * @param start index in the script of the word
 * @param end index after the word and the blanks that follow it
 * @param value the value as written (quotes included)
 */
record ScriptPrefix(int start, int end, String value) {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh");
    private static final Pattern C_FLAG = Pattern.compile("-[a-z]*c[a-z]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Whether {@code args[index]} is the script of {@code sh -c} (also {@code bash -lc} and the like). */
    static boolean isScriptArgument(McpServer server, int index) {
        String c = server.command().map(JsonValue.StringValue::value).orElse("");
        String program = c.substring(Math.max(c.lastIndexOf('/'), c.lastIndexOf('\\')) + 1);
        List<JsonValue.StringValue> args = server.args();
        return SHELLS.contains(program) && index > 0 && C_FLAG.matcher(args.get(index - 1).value()).matches()
                && args.subList(0, index - 1).stream().allMatch(a -> a.value().startsWith("-"));
    }

    /** The {@code name=} word among the assignments that start the script, if it is one of them. */
    static Optional<ScriptPrefix> find(String script, String name) {
        int i = 0;
        while (true) {
            while (i < script.length() && (script.charAt(i) == ' ' || script.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            int eq = script.indexOf('=', start);
            if (eq <= start || !NAME.matcher(script.substring(start, eq)).matches()) {
                return Optional.empty();
            }
            int end = wordEnd(script, eq + 1);
            if (end < 0) {
                return Optional.empty();
            }
            int next = end;
            while (next < script.length() && (script.charAt(next) == ' ' || script.charAt(next) == '\t')) {
                next++;
            }
            if (script.substring(start, eq).equals(name)) {
                // the word must be followed by a command on the same line, not end the script or a statement
                boolean command = next < script.length() && ";&|\n\r".indexOf(script.charAt(next)) < 0;
                return command ? Optional.of(new ScriptPrefix(start, next, script.substring(eq + 1, end)))
                        : Optional.empty();
            }
            i = next;
        }
    }

    /** The end of a word starting at {@code from}, with quotes; -1 when a quote is not closed. */
    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length() && " \t;&|\n\r".indexOf(s.charAt(i)) < 0) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    @Override
    public String toString() {
        return "ScriptPrefix[" + start + ".." + end + "]";
    }
}
