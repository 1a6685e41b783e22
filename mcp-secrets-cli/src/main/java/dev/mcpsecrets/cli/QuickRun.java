package dev.mcpsecrets.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The launch path of {@code mcp-secrets run}, parsed without picocli: clients start servers through it,
 * and picocli's model (its classes cannot be class-data shared) costs ~100 ms per start. Anything it
 * does not recognise (help, an unknown or malformed option) goes to picocli for the usual messages.
 */
final class QuickRun {
    private QuickRun() {
    }

    /**
     * Runs {@code run} when the arguments are plainly understood.
     *
     * @return the exit code, or {@code null} to let picocli handle the arguments
     */
    static Integer tryRun(String[] args, PrintWriter err, Map<String, String> environment) {
        RunCommand cmd = parse(args);
        if (cmd == null) {
            return null;
        }
        cmd.setEnvironment(environment);
        cmd.err = err;
        try {
            return cmd.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunCommand.FAILED_BEFORE_START;
        } catch (RuntimeException e) {
            return ErrorHandler.report(e, err);
        } finally {
            err.flush();
        }
    }

    /** The command with its options set, or {@code null} when picocli should parse these arguments. */
    static RunCommand parse(String[] args) {
        int i = 0;
        while (i < args.length && (args[i].equals("-v") || args[i].equals("--verbose"))) {
            i++;
        }
        if (i >= args.length || !args[i].equals("run")) {
            return null;
        }
        RunCommand cmd = new RunCommand();
        for (i++; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                cmd.command = List.copyOf(Arrays.asList(args).subList(i + 1, args.length));
                return cmd;
            }
            if (!a.startsWith("-")) {
                cmd.command = List.copyOf(Arrays.asList(args).subList(i, args.length));
                return cmd;
            }
            if (a.equals("--check")) {
                cmd.check = true;
                continue;
            }
            if (a.equals("--redact")) {
                cmd.redact = true;
                continue;
            }
            if (a.equals("--redact-stdout")) {
                cmd.redactStdout = true;
                continue;
            }
            if (a.equals("-v") || a.equals("--verbose")) {
                continue;
            }
            if (i + 1 >= args.length || !option(cmd, a, args[++i])) {
                return null;
            }
        }
        return cmd;
    }

    private static boolean option(RunCommand cmd, String name, String value) {
        switch (name) {
            case "-e", "--env" -> cmd.env.add(value);
            case "--env-file" -> cmd.envFile = Path.of(value);
            case "--config" -> cmd.config = Path.of(value);
            case "--server" -> cmd.server = value;
            case "--profile" -> {
                cmd.profile = OptionTypes.profileOrNull(value);
                return cmd.profile != null;
            }
            case "--fail-on" -> {
                cmd.failOn = OptionTypes.severityOrNull(value);
                return cmd.failOn != null;
            }
            case "--timeout" -> {
                try {
                    cmd.timeoutSeconds = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
