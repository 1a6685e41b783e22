package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.config.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rough reading of the script of {@code sh -c "…"}: the words, the {@code NAME=value}
 * assignments and the command they prefix. Good enough to find plaintext values and substitutions
 * in the one-line wrappers MCP configs use; not a shell parser.
 *
 * @param text the script
 * @param words the words, quotes removed, in order
 * @param assignments the {@code NAME=value} words
 */
record ShellScript(String text, List<Word> words, List<Assignment> assignments) {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "fish");
    private static final Pattern SHELL_C_FLAG = Pattern.compile("-[a-z]*c[a-z]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A word of the script.
     *
     * @param text the word without quotes
     * @param start index in the script of its first character
     */
    record Word(String text, int start) {
    }

    /**
     * A {@code NAME=value} word.
     *
     * @param name the name
     * @param value the value without quotes
     */
    record Assignment(String name, String value) {
    }

    /**
     * The script of a {@code sh -c} (also {@code bash -lc} and the like) command line, if it is one.
     *
     * @param commandLine the command and arguments
     * @return the argument holding the script
     */
    static Optional<JsonValue.StringValue> scriptArgument(List<JsonValue.StringValue> commandLine) {
        for (int i = 0; i < commandLine.size(); i++) {
            String token = commandLine.get(i).value();
            String program = Remediation.program(token);
            if (SHELLS.contains(program)) {
                for (int j = i + 1; j + 1 < commandLine.size(); j++) {
                    if (SHELL_C_FLAG.matcher(commandLine.get(j).value()).matches()) {
                        return Optional.of(commandLine.get(j + 1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Splits a script into words.
     *
     * @param script the script
     * @return the reading
     */
    static ShellScript parse(String script) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (depth == 0 && (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|')) {
                if (start >= 0) {
                    words.add(new Word(word.toString(), start));
                    word.setLength(0);
                    start = -1;
                }
                if (!Character.isWhitespace(c)) {
                    words.add(new Word(String.valueOf(c), i));
                }
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if ((c == '"' || c == '\'') && depth == 0) {
                quote = c;
                continue;
            }
            if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            }
            word.append(c);
        }
        if (start >= 0) {
            words.add(new Word(word.toString(), start));
        }
        List<Assignment> assignments = new ArrayList<>();
        for (Word w : words) {
            assignment(w.text()).ifPresent(assignments::add);
        }
        return new ShellScript(script, List.copyOf(words), List.copyOf(assignments));
    }

    /**
     * Reads {@code NAME=value}.
     *
     * @param word a word
     * @return the assignment, if the word is one
     */
    static Optional<Assignment> assignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0 || !NAME.matcher(word.substring(0, eq)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Assignment(word.substring(0, eq), word.substring(eq + 1)));
    }

    /**
     * The words of the last simple command that are neither assignments nor {@code export}/{@code exec}:
     * what the wrapper finally starts.
     *
     * @return e.g. {@code [npx, -y, @github/github-mcp-server]}
     */
    List<String> finalCommand() {
        List<String> command = new ArrayList<>();
        for (Word w : words) {
            String t = w.text();
            if (t.equals(";") || t.equals("&") || t.equals("|")) {
                command.clear();
            } else if (!(command.isEmpty() && (assignment(t).isPresent() || t.equals("export") || t.equals("exec")))) {
                command.add(t);
            }
        }
        return List.copyOf(command);
    }

    /**
     * Whether the script assigns this variable itself.
     *
     * @param name the variable
     * @return {@code true} if a {@code name=} word exists
     */
    boolean assigns(String name) {
        return assignments.stream().anyMatch(a -> a.name().equals(name));
    }

    @Override
    public String toString() {
        return "ShellScript[" + words.size() + " words]";
    }
}
