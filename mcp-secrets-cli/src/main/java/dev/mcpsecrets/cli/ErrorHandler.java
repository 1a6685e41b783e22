package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.NoSuitableProviderException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.text.TerminalText;
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

    /**
     * A bad command line: picocli's messages quote the offending argument, which may be a value typed
     * or pasted where a reference or name was expected, so the line names its position instead.
     */
    static int onParameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(PREFIX + oneLine(ArgumentErrors.describe(e, args)));
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
            // a reference a provider found malformed is not named: it may be a pasted value
            String subject = se.reason() == Reason.MALFORMED ? "the reference" : se.reference().orElse("the reference");
            return "cannot resolve " + subject + ": " + se.reason() + " - " + se.getMessage();
        }
        if (e instanceof CliException || e instanceof SecretException) {
            return e.getMessage();
        }
        if (e instanceof IllegalArgumentException) {
            // commands turn their own bad-input cases into CliExceptions; this one came from elsewhere
            // (the JDK's ProcessBuilder quotes the value it rejects), so its message is not shown
            return "invalid input (" + e.getClass().getSimpleName() + ", details not shown)";
        }
        // an unexpected failure: name it, never dump its message or trace (either could hold anything,
        // an IllegalArgumentException from the JDK included, e.g. ProcessBuilder's quoting a value)
        return "internal error (" + e.getClass().getName() + "); run with --verbose for details";
    }

    /** One line, with every character a terminal could act on escaped. */
    static String oneLine(String s) {
        return s == null ? "" : TerminalText.escape(s);
    }
}
