package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Base of the subcommands that write to or remove from a secret store ({@code keychain set|delete},
 * {@code pass set|remove}): the store's deadline from {@code --timeout}, the value handed to the store and
 * wiped, and the store's failures as one line that names the argument rather than repeating it, since a
 * pasted value may sit where a name belongs.
 */
abstract class StoreCommand extends EnvironmentCommand implements Callable<Integer> {
    /** Where a value goes once read: the store's put. */
    @FunctionalInterface
    interface ValueSink {
        void put(Secret value) throws SecretException;
    }

    /**
     * How messages name the argument that says what to store or remove.
     *
     * @return e.g. {@code the item (argument ITEM)}
     */
    abstract String argumentName();

    /**
     * The deadline {@code --timeout} gives.
     *
     * @param seconds the option's value
     * @return the deadline, rounded up to whole milliseconds
     * @throws CliException USAGE unless the value is positive
     */
    static Duration timeout(double seconds) {
        if (!(seconds > 0)) {
            throw new CliException(Main.USAGE, "--timeout must be positive");
        }
        return Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }

    /**
     * Reads the value to store ({@link ValueInput}: typed twice without echo, or piped), refuses an empty
     * one, and hands it to {@code sink} as a {@link Secret} destroyed afterwards; every copy is wiped.
     *
     * @param sink the store's put
     * @param prompt the terminal prompt, a {@link java.io.Console#readPassword(String, Object...)} format
     * @param args its arguments
     * @return how many characters were stored
     * @throws CliException USAGE for an empty or unreadable value, or the store's failure
     */
    int storeValue(ValueSink sink, String prompt, Object... args) {
        char[] value = ValueInput.read("nothing stored", true, prompt, args);
        try {
            if (value.length == 0) {
                throw new CliException(Main.USAGE, "empty value; nothing stored");
            }
            Secret secret = Secret.of(value);
            try {
                sink.put(secret);
            } finally {
                secret.destroy();
            }
            return value.length;
        } catch (SecretException e) {
            throw failure("store", e);
        } finally {
            Arrays.fill(value, '\0');
        }
    }

    /**
     * A store failure as one line: what was attempted, the reason and the store's sentence.
     *
     * @param action e.g. {@code store}
     * @param e the failure; MALFORMED (the store refused the name) is a usage error
     * @return the exception to throw
     */
    CliException failure(String action, SecretException e) {
        return new CliException(e.reason() == Reason.MALFORMED ? Main.USAGE : Main.FAILED,
                "cannot " + action + " " + argumentName() + ": " + e.reason() + " - " + e.getMessage());
    }

    /**
     * There was nothing to remove.
     *
     * @param action e.g. {@code delete}
     * @param what what the store holds, e.g. {@code item}
     * @return the exception to throw
     */
    CliException missing(String action, String what) {
        return new CliException(Main.FAILED, "cannot " + action + " " + argumentName() + ": NOT_FOUND - no such "
                + what);
    }
}
