package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.pass.PassStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mcp-secrets pass set|remove ENTRY}: writes and removes the password-store entries {@code pass:}
 * references read, through the {@code pass} program. The value is never taken from the command line: it
 * is typed without echo, or piped on stdin (to its end, so multi-line entries with {@code NAME: value}
 * lines work).
 */
@Command(name = "pass", mixinStandardHelpOptions = true,
        description = "Store or remove entries of the Unix password store (pass) for pass:ENTRY references.",
        subcommands = {PassCommand.Set.class, PassCommand.Remove.class},
        footer = {"", "Examples:",
            "  mcp-secrets pass set mcp/github-token               (asks for the value, no echo)",
            "  printf 'pw\\nuser: app\\n' | mcp-secrets pass set mcp/db   # then pass:mcp/db and pass:mcp/db#user",
            "  mcp-secrets pass set --force mcp/github-token < token.txt",
            "  mcp-secrets pass remove mcp/github-token",
            "", "PASSWORD_STORE_DIR, PASSWORD_STORE_GPG_OPTS and GNUPGHOME are honoured as pass honours them.",
            "Exit codes: 0 done, 1 pass refused, failed or the entry exists/is missing (reason on stderr), 2 bad usage."})
final class PassCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: set or remove");
    }

    /** Options both subcommands share. */
    abstract static class EntryCommand extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ENTRY",
                description = "The entry name, relative to the store, e.g. mcp/github-token.")
        String entry;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
                description = "Give up when pass has not finished after this many seconds (default: ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        PassStore open() {
            return PassStore.open(environment, timeout(timeoutSeconds));
        }

        @Override
        String argumentName() {
            return "the entry given as ENTRY";
        }
    }

    /** {@code pass set}: stores a value typed without echo, or read from stdin. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Store a value in the password store (pass insert --multiline). At a terminal the value is "
                    + "asked for twice without echo; otherwise all of stdin is read (one trailing newline dropped; "
                    + "UTF-8, at most 1 MiB).",
                "The value is never accepted as an argument. An existing entry is kept unless --force is given."})
    static final class Set extends EntryCommand {
        @Option(names = {"-f", "--force"}, description = "Replace the entry if it exists.")
        boolean force;

        @Override
        public Integer call() {
            PassStore store = open();
            try {
                if (!force && store.exists(entry)) {
                    throw new CliException(Main.FAILED,
                            "the entry given as ENTRY exists; nothing stored (use --force to replace it)");
                }
            } catch (SecretException e) {
                throw failure("store", e);
            }
            int length = storeValue(value -> store.put(entry, value, force), "Value for pass:%s: ", entry);
            spec.commandLine().getOut().println("stored pass:" + entry + " (" + length + " characters)");
            return Main.OK;
        }
    }

    /** {@code pass remove}: removes an entry. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove an entry from the password store (pass rm; never a folder).")
    static final class Remove extends EntryCommand {
        @Override
        public Integer call() {
            boolean existed;
            try {
                existed = open().remove(entry);
            } catch (SecretException e) {
                throw failure("remove", e);
            }
            if (!existed) {
                throw missing("remove", "entry");
            }
            spec.commandLine().getOut().println("removed pass:" + entry);
            return Main.OK;
        }
    }
}
