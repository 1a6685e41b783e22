package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.keychain.KeychainStore;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
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
    abstract static class ItemCommand implements Callable<Integer>, CliFactory.EnvironmentAware {
        @Parameters(index = "0", paramLabel = "SERVICE[/ACCOUNT]",
                description = "The item: service name, optionally /account (default: the OS user).")
        String item;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
                description = "Give up when the keychain has not answered after this many seconds "
                        + "(default: ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Map<String, String> environment = System.getenv();

        @Override
        public void setEnvironment(Map<String, String> environment) {
            this.environment = environment;
        }

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
            if (!(timeoutSeconds > 0)) {
                throw new CliException(Main.USAGE, "--timeout must be positive");
            }
            return KeychainStore.open(environment, Duration.ofMillis((long) Math.ceil(timeoutSeconds * 1000)));
        }

        /** A keychain failure as one line: what was attempted, the reason, and the keychain's sentence. */
        static CliException failure(String action, SecretRef ref, SecretException e) {
            if (e.reason() == Reason.MALFORMED) {
                // the keychain refused the name itself: the message describes it without its text
                return new CliException(Main.USAGE, "cannot " + action + " the item: " + e.getMessage());
            }
            // the item is not repeated either: a value typed in its place would end up in the error
            return new CliException(Main.FAILED,
                    "cannot " + action + " the item (argument ITEM): " + e.reason() + " - " + e.getMessage());
        }
    }

    /** {@code keychain set}: stores a value read without echo from the terminal, or from stdin. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Store a value in the OS keychain. At a terminal the value is asked for twice "
                    + "without echo; otherwise it is read from stdin (one trailing newline is dropped).",
                "The value is never accepted as an argument."})
    static final class Set extends ItemCommand {
        @Override
        public Integer call() {
            SecretRef ref = reference();
            char[] value = readValue(ref);
            try (KeychainStore store = open()) {
                if (value.length == 0) {
                    throw new CliException(Main.USAGE, "empty value; nothing stored");
                }
                Secret secret = Secret.of(value);
                try {
                    store.put(ref, secret);
                } finally {
                    secret.destroy();
                }
            } catch (SecretException e) {
                throw failure("store", ref, e);
            } finally {
                Arrays.fill(value, '\0');
            }
            spec.commandLine().getOut().println(escape("stored " + ref.format() + " (" + value.length + " characters)"));
            return Main.OK;
        }

        private static char[] readValue(SecretRef ref) {
            Console console = System.console();
            if (console == null) {
                return readStdin(System.in);
            }
            char[] first = console.readPassword("Value for %s: ", ref.format());
            char[] second = first == null ? null : console.readPassword("Again: ");
            try {
                if (first == null || second == null) {
                    throw new CliException(Main.USAGE, "no value entered");
                }
                if (!Arrays.equals(first, second)) {
                    throw new CliException(Main.USAGE, "the two entries differ; nothing stored");
                }
                return first.clone();
            } finally {
                wipe(first);
                wipe(second);
            }
        }

        /**
         * The value piped to stdin, as {@code dotenv set} reads it ({@link PipedValue}): to end of input, one
         * trailing line end dropped, strict UTF-8, at most {@value PipedValue#MAX_BYTES} bytes.
         */
        static char[] readStdin(InputStream in) {
            try {
                return PipedValue.read(in, "nothing stored");
            } catch (IOException e) {
                throw new CliException(Main.FAILED, "cannot read the value from stdin (" + e.getClass().getSimpleName() + ")");
            }
        }

        private static void wipe(char[] chars) {
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
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
                throw failure("delete", ref, e);
            }
            if (!existed) {
                throw new CliException(Main.FAILED, "cannot delete the item (argument ITEM): NOT_FOUND - no such item");
            }
            spec.commandLine().getOut().println(escape("deleted " + ref.format()));
            return Main.OK;
        }
    }
}
