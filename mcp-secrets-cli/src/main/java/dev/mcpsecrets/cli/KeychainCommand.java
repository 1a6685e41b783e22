package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.keychain.KeychainStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mcp-secrets keychain set|delete SERVICE[/ACCOUNT]}: writes and removes the OS keychain items
 * {@code keychain:} references read. The value is never taken from the command line (where {@code ps}
 * and shell history would see it): it is typed without echo, or piped on stdin.
 */
@Command(name = "keychain", mixinStandardHelpOptions = true,
        description = "Store or delete OS keychain items for keychain:SERVICE[/ACCOUNT] references.",
        subcommands = {KeychainCommand.Set.class, KeychainCommand.Delete.class},
        footer = {"", "Examples:",
            "  mcp-secrets keychain set github-mcp/token            (asks for the value, no echo)",
            "  printf %s \"$TOKEN\" | mcp-secrets keychain set github-mcp/token",
            "  mcp-secrets keychain delete github-mcp/token",
            "", "The account defaults to the OS user ($USER), as 'security add-generic-password -a \"$USER\"' "
                + "and 'secret-tool store ... account $USER' use it.",
            "Exit codes: 0 done, 1 the keychain refused or is unavailable (reason on stderr), 2 bad usage."})
final class KeychainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: set or delete");
    }

    /** Options both subcommands share. */
    abstract static class ItemCommand extends StoreCommand {
        @Parameters(index = "0", paramLabel = "SERVICE[/ACCOUNT]",
                description = "The item: service name, optionally /account (default: the OS user).")
        String item;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
                description = "Give up when the keychain has not answered after this many seconds "
                        + "(default: ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        SecretRef reference() {
            try {
                return SecretRef.of("keychain", item);
            } catch (IllegalArgumentException e) {
                // an invalid item name may be a value typed in the wrong place: never echoed
                throw new CliException(Main.USAGE, "bad keychain item (argument SERVICE[/ACCOUNT], "
                        + MalformedRefException.notShown(item.length()) + "): write SERVICE or SERVICE/ACCOUNT, "
                        + "without control characters");
            }
        }

        KeychainStore open() {
            return KeychainStore.open(environment, timeout(timeoutSeconds));
        }

        /** The item is not repeated: a value typed in its place would end up in the error. */
        @Override
        String argumentName() {
            return "the item (argument ITEM)";
        }
    }

    /** {@code keychain set}: stores a value read without echo from the terminal, or from stdin. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Store a value in the OS keychain. At a terminal the value is asked for twice "
                    + "without echo; otherwise it is read from stdin (one trailing newline dropped; UTF-8, "
                    + "at most 1 MiB).",
                "The value is never accepted as an argument."})
    static final class Set extends ItemCommand {
        @Override
        public Integer call() {
            SecretRef ref = reference();
            int length;
            try (KeychainStore store = open()) {
                length = storeValue(value -> store.put(ref, value), "Value for %s: ", ref.format());
            }
            spec.commandLine().getOut().println(escape("stored " + ref.format() + " (" + length + " characters)"));
            return Main.OK;
        }
    }

    /** {@code keychain delete}: removes an item. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an item from the OS keychain.")
    static final class Delete extends ItemCommand {
        @Override
        public Integer call() {
            SecretRef ref = reference();
            boolean existed;
            try (KeychainStore store = open()) {
                existed = store.delete(ref);
            } catch (SecretException e) {
                throw failure("delete", e);
            }
            if (!existed) {
                throw missing("delete", "item");
            }
            spec.commandLine().getOut().println(escape("deleted " + ref.format()));
            return Main.OK;
        }
    }
}
