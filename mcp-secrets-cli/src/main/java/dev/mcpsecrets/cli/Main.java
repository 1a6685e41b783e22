package dev.mcpsecrets.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mcp-secrets}: resolve secret references, list providers, audit MCP setups.
 *
 * <p>Exit codes: 0 success; 1 the secret could not be had (or findings at or above the threshold);
 * 2 bad usage, malformed reference or config; see DESIGN.md for {@code run}.
 */
@Command(name = "mcp-secrets",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Safe credentials and least-privilege checks for MCP servers.",
        footer = {"", "Examples:",
            "  mcp-secrets get env:GITHUB_TOKEN",
            "  mcp-secrets get 'keychain:github-mcp/token || env:GITHUB_TOKEN' --reveal",
            "  mcp-secrets providers",
            "  mcp-secrets run --env GITHUB_TOKEN=op://Private/GitHub/token -- npx -y @modelcontextprotocol/server-github",
            "  mcp-secrets bridge --header 'Authorization: Bearer {keychain:notion/token}' https://mcp.example.com/mcp",
            "  mcp-secrets audit                 # this user's and this project's MCP configs",
            "  mcp-secrets doctor",
            "  source <(mcp-secrets completion)"})
public final class Main implements Runnable {
    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: the secret could not be had / findings at or above the threshold. */
    public static final int FAILED = 1;
    /** Exit code: usage error, malformed reference or config. */
    public static final int USAGE = 2;

    /**
     * The subcommands, in help order. Only the one named on the command line is built: picocli's
     * model of every command costs more at start than the JVM itself (a method, so that
     * {@code --version} loads none of them).
     */
    static List<Class<?>> subcommands() {
        return List.of(
                GetCommand.class,
                ProvidersCommand.class,
                KeychainCommand.class,
                PassCommand.class,
                RunCommand.class,
                BridgeCommand.class,
                TrustCommand.class,
                AuditCommand.class,
                DoctorCommand.class,
                RedactCommand.class,
                UsagesCommand.class,
                MigrateCommand.class,
                DotenvCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log on stderr from INFO up, audit events included (never values).")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see mcp-secrets --help");
    }

    /**
     * Entry point.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        Logging.configure(args);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(Logging.escapeLogLines(), StandardCharsets.UTF_8), true);
        System.exit(run(args, out, err, System.getenv()));
    }

    /**
     * Runs the command with the given streams and environment (tests call this directly).
     *
     * @param args arguments
     * @param out standard output
     * @param err standard error
     * @param environment environment variables the providers see
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        Integer quick = QuickRun.tryRun(args, err, environment);
        if (quick != null) {
            return quick;
        }
        // picocli's own tracer prints argument text to System.err (a warning about unbalanced quotes in
        // an option value, or every argument under -Dpicocli.trace): arguments may be pasted secrets
        CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        CommandLine cli = new CommandLine(new Main(), new CliFactory(environment));
        for (Class<?> command : Subcommands.needed(args, subcommands())) {
            cli.addSubcommand(command);
        }
        CommandLine run = cli.getSubcommands().get("run");
        if (run != null) {
            run.setStopAtPositional(true);
        }
        cli.setUsageHelpWidth(120);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::onParameterError);
        // '@FILE' would splice a file's text into the arguments, and from there into error messages
        cli.setExpandAtFiles(false);
        cli.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
