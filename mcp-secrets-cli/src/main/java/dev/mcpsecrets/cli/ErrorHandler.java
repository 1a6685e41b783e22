package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.NoSuitableProviderException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns every failure into one line on stderr and an exit code as DESIGN.md defines them. */
final class ErrorHandler implements IExecutionExceptionHandler {
    private static final String PREFIX = "mcp-secrets: ";

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        return report(e, cmd.getErr());
    }

    /** Prints the one line for a failure and gives its exit code (also for commands run without picocli). */
    static int report(Exception e, java.io.PrintWriter err) {
        err.println(PREFIX + oneLine(describe(e)));
        return exitCode(e);
    }

    static int onParameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(PREFIX + oneLine(e.getMessage()));
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        // run's own failures must not be mistaken for the child's exit code 2
        return cmd.getCommand() instanceof RunCommand ? RunCommand.FAILED_BEFORE_START : Main.USAGE;
    }

    static int exitCode(Throwable e) {
        if (e instanceof CliException ce) {
            return ce.exitCode();
        }
        if (e instanceof SecretException se) {
            return se.reason() == Reason.MALFORMED ? Main.USAGE : Main.FAILED;
        }
        if (e instanceof ParameterException || e instanceof IllegalArgumentException) {
            return Main.USAGE;
        }
        return Main.FAILED;
    }

    static String describe(Exception e) {
        if (e instanceof SecretException se && !(se instanceof MalformedRefException)
                && !(se instanceof NoSuitableProviderException)) {
            return "cannot resolve " + se.reference().orElse("the reference") + ": " + se.reason() + " - "
                    + se.getMessage();
        }
        if (e instanceof CliException || e instanceof SecretException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        // an unexpected failure: name it, never dump its message or trace (either could hold anything)
        return "internal error (" + e.getClass().getName() + "); run with --verbose for details";
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
    }
}
