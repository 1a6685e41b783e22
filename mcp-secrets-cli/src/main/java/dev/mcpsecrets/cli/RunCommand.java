package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets run}: resolve references, then start a server with them in its environment. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Resolve secret references and start a command with them added to its environment.",
            "No shell is involved and secrets never appear in argv. stdin, stdout and stderr are passed through "
                + "untouched (unless --redact); INT, TERM and HUP reach the child as TERM."},
        footer = {"", "Examples:",
            "  mcp-secrets run --env GITHUB_TOKEN=op://Private/GitHub/token -- npx -y @modelcontextprotocol/server-github",
            "  mcp-secrets run --env 'DB_PASSWORD=keychain:db/app || env:DB_PASSWORD' -- java -jar server.jar",
            "  mcp-secrets run --env-file .mcp-secrets.env -- ./server",
            "  mcp-secrets trust .mcp.json && mcp-secrets run --config .mcp.json --server github",
            "  mcp-secrets run --check --fail-on medium --env DB_URL=keychain:db/url -- ./server",
            "  mcp-secrets run --redact --env GITHUB_TOKEN=keychain:github-mcp/token -- ./server",
            "", "Exit codes: the command's own, or 125 failed before starting it (bad option, reference, config, "
                + "untrusted config, secret not available, --check findings), 126 not executable, 127 not found."})
final class RunCommand extends EnvironmentCommand implements Callable<Integer> {
    static final int FAILED_BEFORE_START = 125;
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=REF",
            description = "Add variable NAME with the secret REF names (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read NAME=REF lines from FILE.")
    Path envFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "MCP client config (.mcp.json, mcp.json) declaring the server; must be trusted.")
    Path config;

    @Option(names = "--server", paramLabel = "NAME", description = "Server to start from --config.")
    String server;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = OptionTypes.ProfileConverter.class,
            completionCandidates = OptionTypes.ProfileCandidates.class,
            description = "${COMPLETION-CANDIDATES} or another name (default: MCP_SECRETS_PROFILE, CLAUDE_ENV, "
                    + "development).")
    Profile profile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up resolving after this many seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds = 30;

    @Option(names = "--redact", description = "Stay between the command and stderr: replace every resolved value "
            + "on its stderr (raw, URL-encoded, base64, JSON-escaped, split over writes) with <redacted:NAME>. "
            + "stdout stays inherited, byte for byte.")
    boolean redact;

    @Option(names = "--redact-stdout", description = "As --redact, and mask stdout too, inside JSON strings only, so "
            + "JSON-RPC messages stay valid and keep their line framing.")
    boolean redactStdout;

    @Option(names = "--check", description = "Run the policy checks for this server first; refuse to start on findings.")
    boolean check;

    /** {@code null} means high; no default object, so a plain launch never loads the policy classes. */
    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = OptionTypes.SeverityConverter.class,
            completionCandidates = OptionTypes.SeverityCandidates.class,
            description = "With --check: refuse at this severity or above: ${COMPLETION-CANDIDATES} (default: high).")
    Severity failOn;

    /** Where the child runs: for --config, the entry's {@code cwd} in the config's real directory; else {@code null}. */
    private Path workingDirectory;

    /** The --config file as read, hashed and found trusted. */
    private TrustStore.Snapshot trusted;

    /** That file's bytes parsed with the project's one config reader; --check judges this very content. */
    private McpConfigFile trustedConfig;

    /** Where the --check report goes when run without picocli. */
    java.io.PrintWriter err;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        Prepared prepared;
        try {
            prepared = prepare();
        } catch (CliException e) {
            // every failure before the start is 125, so that it cannot be taken for the child's own code
            throw e.exitCode() >= FAILED_BEFORE_START ? e : new CliException(FAILED_BEFORE_START, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw notStarted(e);
        }
        LOG.info("resolved {} secret(s) in {} ms", prepared.secrets().size(), (System.nanoTime() - started) / 1_000_000);
        return ChildProcess.run(prepared.argv(), workingDirectory, prepared.environment(), prepared.secrets(),
                redactedStreams());
    }

    RedactedOutput.Streams redactedStreams() {
        return redactStdout ? RedactedOutput.Streams.STDERR_AND_STDOUT
                : redact ? RedactedOutput.Streams.STDERR : RedactedOutput.Streams.NONE;
    }

    /**
     * A failure the checks before the start did not name. The runtime's own messages quote their input
     * (a path with a NUL, an environment entry), which may be a pasted secret: only the kind is shown.
     */
    static CliException notStarted(IllegalArgumentException e) {
        return new CliException(FAILED_BEFORE_START, "not started: a value given on the command line or in the "
                + "config cannot be used (" + e.getClass().getSimpleName() + ")");
    }

    /** What to start, its environment without the secrets, and the secrets. */
    private record Prepared(List<String> argv, Map<String, String> environment, Map<String, Secret> secrets) {
    }

    private Prepared prepare() {
        if (!(timeoutSeconds > 0)) {
            throw new CliException(FAILED_BEFORE_START, "--timeout must be positive");
        }
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, String> literals = new LinkedHashMap<>();
        List<String> argv = plan(refs, literals);
        if (check) {
            Map<String, String> declared = new LinkedHashMap<>(literals);
            declared.putAll(refs);
            Severity threshold = failOn != null ? failOn : Severity.HIGH;
            LaunchCheck.enforce(trustedConfig, server, argv, declared, environment, profile, threshold,
                    spec != null ? spec.commandLine().getErr() : err);
        }
        Map<String, String> childEnv = new LinkedHashMap<>(environment);
        childEnv.putAll(literals);
        // a missing or non-executable command fails (127/126) before any secret is fetched
        ChildProcess.locate(argv.get(0), childEnv.get("PATH"), workingDirectory);
        Map<String, Secret> secrets;
        try (Secrets s = SecretsFactory.create(environment, profile, Duration.ofMillis((long) (timeoutSeconds * 1000)))) {
            secrets = resolve(s, refs, literals);
        }
        childEnv.keySet().removeAll(secrets.keySet());
        return new Prepared(argv, childEnv, secrets);
    }

    /** Works out what to start and which variables to set; fills refs and literals. */
    private List<String> plan(Map<String, String> refs, Map<String, String> literals) {
        if (config == null && server != null) {
            throw new CliException(FAILED_BEFORE_START, "--server needs --config FILE");
        }
        List<String> argv = command;
        if (config != null) {
            if (server == null) {
                throw new CliException(FAILED_BEFORE_START, "--config needs --server NAME");
            }
            trusted = trustedSnapshot(config);
            trustedConfig = McpConfigReader.parse(trusted.content(), WorkingDirectory.absolute(config), ConfigScope.USER);
            LaunchEntry entry = LaunchEntry.of(trustedConfig, server);
            workingDirectory = launchDirectory(trusted, entry.cwd());
            checkLaunchDirectory(workingDirectory);
            argv = commandOf(entry);
            literals.putAll(entry.env());
        }
        if (argv.isEmpty()) {
            throw new CliException(FAILED_BEFORE_START, "missing command; usage: mcp-secrets run [--env NAME=REF]... -- COMMAND [ARGS...]");
        }
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).indexOf('\0') >= 0) {
                throw new CliException(FAILED_BEFORE_START, (i == 0 ? "COMMAND" : "COMMAND argument " + i)
                        + " contains a NUL character, which no command line can hold; not started");
            }
        }
        if (envFile != null) {
            refs.putAll(EnvFile.read(envFile));
        }
        for (String assignment : env) {
            EnvFile.put(refs, assignment, "--env");
        }
        return argv;
    }

    /**
     * The config's own command, or, when the client launches {@code mcp-secrets run --config … --}
     * from that very entry, what follows the {@code --}; a different command given here is refused.
     */
    private List<String> commandOf(LaunchEntry entry) {
        List<String> declared = new ArrayList<>();
        declared.add(entry.command());
        declared.addAll(entry.args());
        String program = entry.command().substring(entry.command().lastIndexOf('/') + 1);
        int dashes = entry.args().indexOf("--");
        if (program.equals("mcp-secrets") && dashes >= 0) {
            declared = new ArrayList<>(entry.args().subList(dashes + 1, entry.args().size()));
        } else if (program.equals("mcp-secrets")) {
            throw new CliException(FAILED_BEFORE_START, config + ": server '" + entry.name()
                    + "' launches mcp-secrets without '-- COMMAND'; nothing to start");
        }
        if (!command.isEmpty() && !command.equals(declared)) {
            throw new CliException(FAILED_BEFORE_START, "the command after -- differs from the one " + config
                    + " declares for '" + entry.name() + "'; give only one of them");
        }
        return declared;
    }

    private TrustStore.Snapshot trustedSnapshot(Path file) {
        return TrustedConfig.snapshot(file, environment, FAILED_BEFORE_START);
    }

    /** What the limit says about the file, without the (absolute) path it was read at. */
    static String reason(FileLimitException e) {
        String prefix = e.file() + " ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    /**
     * The entry's {@code cwd} resolved in the trusted file's real directory, or that directory itself: never
     * the directory of a link to it or of this process, where a relative command or script would be
     * somebody else's.
     */
    static Path launchDirectory(TrustStore.Snapshot trusted, Path cwd) {
        Path base = trusted.realDirectory();
        return cwd == null ? base : base.resolve(cwd).normalize();
    }

    /**
     * A trusted entry's relative command or script runs from its launch directory: where another user can
     * plant or replace files there (writable by group or others, no sticky bit), the trust no longer covers
     * what runs. Refused under the production profile, warned about elsewhere (as for {@code .env} writes).
     */
    private void checkLaunchDirectory(Path dir) {
        java.util.Optional<dev.mcpsecrets.api.internal.files.FileSafety.Violation> shared =
                dev.mcpsecrets.api.internal.files.PathSafety.checkNotShared(dir);
        if (shared.isEmpty()) {
            return;
        }
        Profile effective = profile != null ? profile : Profile.fromEnvironment(environment, null);
        String problem = "the launch directory of the trusted entry: " + shared.get().problem()
                + ", so another user could change what starts; fix: " + shared.get().fix();
        if (effective.equals(Profile.PRODUCTION)) {
            throw new CliException(FAILED_BEFORE_START, "not started: " + problem);
        }
        LOG.warn("{}", dev.mcpsecrets.api.internal.text.TerminalText.escape(problem));
    }

    /** Moves config values that are references from literals into the batch, then resolves it. */
    private static Map<String, Secret> resolve(Secrets secrets, Map<String, String> refs, Map<String, String> literals) {
        Set<String> schemes = secrets.knownSchemes();
        literals.entrySet().removeIf(e -> {
            if (isReference(e.getValue(), schemes) && !refs.containsKey(e.getKey())) {
                refs.put(e.getKey(), e.getValue());
                return true;
            }
            return refs.containsKey(e.getKey());
        });
        if (refs.isEmpty()) {
            return Map.of();
        }
        try {
            return secrets.resolveAll(refs);
        } catch (SecretException e) {
            throw new CliException(FAILED_BEFORE_START, "not started: " + e.reason() + " - " + e.getMessage());
        }
    }

    static boolean isReference(String value, Set<String> knownSchemes) {
        int colon = value.indexOf(':');
        return colon > 0 && knownSchemes.contains(value.substring(0, colon).strip().toLowerCase(Locale.ROOT));
    }
}
