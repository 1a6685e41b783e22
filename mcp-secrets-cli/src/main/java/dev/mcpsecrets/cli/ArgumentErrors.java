package dev.mcpsecrets.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Describes a command-line error without the text of any argument. Arguments are named by their
 * position ({@code argument 3}); only the command's own vocabulary (subcommand and option names,
 * parameter labels) is ever quoted.
 */
final class ArgumentErrors {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private ArgumentErrors() {
    }

    static String describe(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException u) {
            return unmatched(u, args);
        }
        Set<String> vocabulary = vocabulary(e.getCommandLine());
        String message = e.getMessage() == null ? "invalid arguments" : e.getMessage();
        message = replacePositions(message, args, vocabulary);
        return keepOnlyVocabulary(message, vocabulary);
    }

    private static String unmatched(UnmatchedArgumentException u, String[] args) {
        List<String> unmatched = u.getUnmatched();
        String first = unmatched.isEmpty() ? null : unmatched.get(0);
        int index = first == null ? -1 : indexOf(args, first);
        boolean option = first != null && first.length() > 1 && first.startsWith("-");
        StringBuilder sb = new StringBuilder(option ? "unknown option" : "unexpected argument");
        if (index >= 0) {
            sb.append(" at argument ").append(index + 1);
        }
        sb.append(" (not shown: it may be a value)");
        if (unmatched.size() > 1) {
            sb.append(", and ").append(unmatched.size() - 1).append(" more after it");
        }
        // suggestions are picocli's own option and command names close to the argument
        List<String> suggestions = new ArrayList<>();
        Set<String> vocabulary = vocabulary(u.getCommandLine());
        for (String s : u.getSuggestions()) {
            if (vocabulary.contains(s)) {
                suggestions.add(s);
            }
        }
        if (!suggestions.isEmpty()) {
            sb.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
        }
        return sb.toString();
    }

    /** Replaces each quoted argument (or the value part of {@code --opt=value}) by its position. */
    private static String replacePositions(String message, String[] args, Set<String> vocabulary) {
        List<String[]> candidates = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String position = "argument " + (i + 1);
            candidates.add(new String[] {arg, position});
            int eq = arg.indexOf('=');
            if (eq > 0 && arg.startsWith("-")) {
                candidates.add(new String[] {arg.substring(eq + 1), "the value of " + position});
            }
        }
        candidates.sort(Comparator.comparingInt((String[] c) -> c[0].length()).reversed());
        String out = message;
        for (String[] c : candidates) {
            if (!c[0].isEmpty() && !vocabulary.contains(c[0])) {
                out = out.replace("'" + c[0] + "'", c[1] + " (not shown)");
            }
        }
        return out;
    }

    /** Anything else picocli quoted that is not one of the command's own names goes too. */
    private static String keepOnlyVocabulary(String message, Set<String> vocabulary) {
        Matcher m = QUOTED.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String quoted = m.group(1);
            m.appendReplacement(sb, Matcher.quoteReplacement(vocabulary.contains(quoted) ? m.group() : "(not shown)"));
        }
        m.appendTail(sb);
        String out = sb.toString();
        // an unquoted argument text cannot be told from the message itself: cut at the first quote-less value
        int colon = out.indexOf(": ");
        if (out.startsWith("Unknown option") && colon > 0) {
            out = out.substring(0, colon) + " (not shown)";
        }
        return out;
    }

    private static int indexOf(String[] args, String text) {
        for (int i = args.length - 1; i >= 0; i--) {
            if (args[i].equals(text)) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> vocabulary(CommandLine cmd) {
        Set<String> names = new HashSet<>();
        for (CommandLine c = cmd; c != null; c = c.getParent()) {
            add(c.getCommandSpec(), names);
        }
        return names;
    }

    private static void add(CommandSpec spec, Set<String> names) {
        names.add(spec.name());
        names.addAll(List.of(spec.aliases()));
        names.addAll(spec.subcommands().keySet());
        for (OptionSpec o : spec.options()) {
            names.addAll(List.of(o.names()));
            label(o, names);
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            label(p, names);
        }
    }

    private static void label(ArgSpec arg, Set<String> names) {
        String label = arg.paramLabel();
        if (label != null) {
            names.add(label);
            names.add("<" + label + ">");
        }
    }
}
