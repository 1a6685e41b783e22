package dev.mcpsecrets.pass;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.pass.internal.PassWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Writes and removes entries of the standard Unix password store that {@code pass:} references then
 * resolve, through the {@code pass} program itself ({@code pass insert --multiline}, {@code pass rm}), so
 * the store's recipients ({@code .gpg-id}) and its git history are kept as pass keeps them. The value is
 * handed to pass on standard input, never on a command line. {@code PASSWORD_STORE_DIR},
 * {@code PASSWORD_STORE_GPG_OPTS} and {@code GNUPGHOME} are read from the given environment.
 *
 * <pre>{@code
 * PassStore store = PassStore.open();
 * store.put("mcp/github-token", token, false);   // refuses to replace an existing entry
 * // later: Secrets resolves "pass:mcp/github-token"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PassStore {
    /** The deadline of each call unless another is given (pass may commit to git). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final PassWriter writer;

    private PassStore(PassWriter writer) {
        this.writer = writer;
    }

    /**
     * A store for this process's environment, with a 10 s deadline per call. Starts nothing.
     *
     * @return the store
     */
    public static PassStore open() {
        return open(System.getenv(), DEFAULT_TIMEOUT);
    }

    /**
     * A store for a given environment and per-call deadline. Starts nothing.
     *
     * @param environment {@code PATH}, {@code PASSWORD_STORE_DIR}, {@code GNUPGHOME}...; the programs' whole environment
     * @param timeout the deadline of each call; positive
     * @return the store
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public static PassStore open(Map<String, String> environment, Duration timeout) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new PassStore(new PassWriter(environment, timeout));
    }

    /**
     * Whether entries can be written here: {@code pass} and {@code gpg} on {@code PATH} and an initialised
     * store. Starts no process.
     *
     * @return available, or UNAVAILABLE with one sentence on how to fix it
     */
    public Availability availability() {
        return writer.availability();
    }

    /**
     * Whether an entry exists.
     *
     * @param entry the entry name, e.g. {@code mcp/github-token}
     * @return true if it exists
     * @throws SecretException MALFORMED for a bad name; UNAVAILABLE without a store
     */
    public boolean exists(String entry) throws SecretException {
        return writer.exists(Objects.requireNonNull(entry, "entry"));
    }

    /**
     * Stores a value as an entry. The entry holds the value and a final line break, so a one-line value is
     * the entry's first line ({@code pass:ENTRY}); a multi-line value keeps its lines ({@code #FIELD},
     * {@code #line=N}).
     *
     * @param entry the entry name: relative, no {@code .}/{@code ..} segments, no leading {@code -}, no {@code #}
     * @param value the value; not empty
     * @param overwrite whether an existing entry may be replaced
     * @throws SecretException MALFORMED for a bad name; DENIED if the entry exists and {@code overwrite} is
     *     false (nothing is written); UNAVAILABLE or TIMEOUT when pass is missing, fails or is too slow
     * @throws IllegalArgumentException if the value is empty
     */
    public void put(String entry, Secret value, boolean overwrite) throws SecretException {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(value, "value");
        char[] chars = value.revealChars();
        try {
            writer.put(entry, chars, overwrite);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * Removes an entry (never a folder).
     *
     * @param entry the entry name
     * @return true if it existed and was removed, false if there was none
     * @throws SecretException MALFORMED for a bad name; UNAVAILABLE or TIMEOUT when pass fails or is too slow
     */
    public boolean remove(String entry) throws SecretException {
        return writer.remove(Objects.requireNonNull(entry, "entry"));
    }

    @Override
    public String toString() {
        return "PassStore[" + writer + "]";
    }
}
