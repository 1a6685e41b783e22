package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpConfigFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets migrate}: plaintext secrets of MCP configs into a store, entries rewritten to reference them. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Move the plaintext secrets audit reports into a store: env values, and command-line secrets "
                + "the program can read from a variable instead, go to 'mcp-secrets run --env NAME=REF ... --' before "
                + "the original command; remote entries and launchers such as mcp-remote with plaintext headers become "
                + "'mcp-secrets bridge --header \"NAME: {REF}\" ... URL'.",
            "Nothing in a config is written until every value is stored and read back through its reference; on any "
                + "failure what was stored is removed and every file stays as it was. What cannot move that way is "
                + "reported with the reason and left alone.",
            "Without CONFIG: this user's configs and the current project's. Project configs must be trusted first."},
        footer = {"", "Store names: keychain mcp-SERVER/VAR, dotenv SERVER_VAR in ~/.config/mcp-secrets/.env, "
                + "pass mcp/SERVER/VAR, op item mcp-SERVER-VAR in --vault.",
            "", "Examples:",
            "  mcp-secrets migrate --store keychain --dry-run",
            "  mcp-secrets migrate --store dotenv --yes ~/.config/Claude/claude_desktop_config.json",
            "  mcp-secrets trust .mcp.json && mcp-secrets migrate --store pass .mcp.json",
            "", "Exit codes: 0 migrated or nothing to do, 1 a store or write failed (nothing changed), 2 usage error, "
                + "unreadable or untrusted config."})
final class MigrateCommand extends EnvironmentCommand implements Callable<Integer> {
    /** Lets a test make the store fail part-way; the identity otherwise. */
    static UnaryOperator<MigrationStore> storeWrapper = UnaryOperator.identity();

    @Parameters(paramLabel = "CONFIG", arity = "0..*", description = "Config files, or directories of them (default: discover).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--store", paramLabel = "STORE", required = true,
            description = "keychain, dotenv, pass or op.")
    String store;

    @Option(names = "--vault", paramLabel = "VAULT", description = "With --store op: the 1Password vault to create items in.")
    String vault;

    @Option(names = "--dry-run", description = "Show what would change (values masked); change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do it without asking (needed when not at a terminal).")
    boolean yes;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "The absolute path of mcp-secrets the entries start (default: the one running).")
    Path launcher;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Deadline of each store call (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(timeoutSeconds > 0)) {
            throw new CliException(Main.USAGE, "--timeout must be positive");
        }
        Duration timeout = Duration.ofMillis((long) Math.ceil(timeoutSeconds * 1000));
        UserConfigDir userDir = UserConfigDir.from(environment);
        MigrationStore target = storeWrapper.apply(MigrationStore.of(store, vault, environment, userDir.path(), timeout));
        String launcherPath = launcherPath();
        FileSystemView files = PolicySupport.files(environment);
        List<McpConfigFile> named = PolicySupport.configs(paths, files);
        TrustStore trust = new TrustStore(userDir);
        List<MigrationPlan> plans = new ArrayList<>();
        List<Path> trustedBefore = new ArrayList<>();
        for (McpConfigFile config : named) {
            Migration.Snapshot snapshot = Migration.read(config);
            if (snapshot == null) {
                continue;
            }
            if (config.scope() == ConfigScope.PROJECT && snapshot.plan().config.document().root().isPresent()) {
                TrustStore.Verdict verdict = trust.check(snapshot.trustSnapshot());
                if (verdict != TrustStore.Verdict.TRUSTED) {
                    throw new CliException(Main.USAGE, escape(config.path() + " is a project config you have not trusted"
                            + (verdict == TrustStore.Verdict.CHANGED ? " in its current form" : "")
                            + "; review it, then run: mcp-secrets trust " + config.path()));
                }
                trustedBefore.add(config.path());
            }
            plans.add(snapshot.plan());
        }
        Migration migration = new Migration(environment, files, target, launcherPath, timeout, out);
        migration.plan(plans);
        if (dryRun) {
            return migration.dryRun();
        }
        if (migration.nothingToDo()) {
            return migration.dryRun();
        }
        if (!yes) {
            confirm(out);
        }
        return migration.run(trust, trustedBefore);
    }

    private void confirm(PrintWriter out) {
        java.io.Console console = System.console();
        if (console == null) {
            throw new CliException(Main.USAGE, "not at a terminal: add --yes to migrate, or --dry-run to see the change");
        }
        out.flush();
        String answer = console.readLine("Store the values in %s and rewrite the configs? [y/N] ", store);
        if (answer == null || !answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
            throw new CliException(Main.FAILED, "nothing changed");
        }
    }

    /** --launcher, else the path the launcher script passes in, else a clear request for --launcher. */
    private String launcherPath() {
        Path p = launcher;
        if (p == null) {
            String fromScript = System.getProperty("mcp.secrets.launcher");
            if (fromScript == null || fromScript.isBlank()) {
                throw new CliException(Main.USAGE, "cannot tell where mcp-secrets is installed; give --launcher "
                        + "/absolute/path/to/mcp-secrets");
            }
            p = Path.of(fromScript);
        }
        if (!p.isAbsolute()) {
            throw new CliException(Main.USAGE, "--launcher must be an absolute path (clients start servers with a "
                    + "minimal PATH)");
        }
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new CliException(Main.USAGE, escape("--launcher " + p + ": not an executable file"));
        }
        return p.toString();
    }

    /** A value's fingerprint input: the characters, never kept beyond the comparison. */
    static Secret secretOf(String value) {
        return Secret.of(value);
    }

    static String describe(SecretException e) {
        return e.reason() + " - " + e.getMessage();
    }
}
