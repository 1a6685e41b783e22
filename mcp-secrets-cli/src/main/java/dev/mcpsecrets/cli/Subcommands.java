package dev.mcpsecrets.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

/** Picks the subcommands to build for one invocation, so a start builds one command model, not all of them. */
final class Subcommands {
    /** Commands that show or describe the whole command tree. */
    private static final Set<String> NEED_ALL = Set.of("help", "completion");
    private static final Set<String> ROOT_OPTIONS = Set.of("-v", "--verbose");
    private static final Set<String> ROOT_HELP = Set.of("-h", "--help");

    private Subcommands() {
    }

    static List<Class<?>> needed(String[] args, List<Class<?>> all) {
        String word = null;
        for (String a : args) {
            if (ROOT_HELP.contains(a)) {
                return all;
            }
            if (!ROOT_OPTIONS.contains(a)) {
                word = a;
                break;
            }
        }
        if (word == null || word.startsWith("-")) {
            // no command: --version, or an error that needs no command list
            return word == null || word.equals("-V") || word.equals("--version") ? List.of() : all;
        }
        if (NEED_ALL.contains(word)) {
            return all;
        }
        for (Class<?> c : all) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && command.name().equals(word)) {
                return List.of(c);
            }
        }
        return all; // unknown: let picocli list the commands and suggest one
    }
}
