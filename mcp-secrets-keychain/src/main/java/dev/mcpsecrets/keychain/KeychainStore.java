package dev.mcpsecrets.keychain;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.keychain.internal.KeychainAccess;
import dev.mcpsecrets.keychain.internal.KeychainItem;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Writes and deletes OS keychain items that {@code keychain:} references then resolve: the same items
 * {@code security add-generic-password -a ACCOUNT -s SERVICE} (macOS) and
 * {@code secret-tool store service SERVICE account ACCOUNT} (Linux) create. Every call runs under a
 * deadline; the keychain connection is opened on first use and released by {@link #close()}. Tested for
 * real against the Linux Secret Service; macOS and Windows follow java-keyring's documented behaviour.
 *
 * <pre>{@code
 * try (KeychainStore store = KeychainStore.open()) {
 *     store.put(SecretRef.parse("keychain:github-mcp/token"), token);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class KeychainStore implements AutoCloseable {
    /** The deadline of each call unless another is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final KeychainAccess access;
    private final Map<String, String> environment;
    private final Duration timeout;

    private KeychainStore(KeychainAccess access, Map<String, String> environment, Duration timeout) {
        this.access = access;
        this.environment = environment;
        this.timeout = timeout;
    }

    /**
     * A store for this process: its environment (D-Bus session, {@code USER}) and a 5 s deadline per call.
     * Opens nothing yet.
     *
     * @return the store
     */
    public static KeychainStore open() {
        return open(System.getenv(), DEFAULT_TIMEOUT);
    }

    /**
     * A store for a given environment and per-call deadline. Opens nothing yet.
     *
     * @param environment where {@code DBUS_SESSION_BUS_ADDRESS} and the default account ({@code USER},
     *     {@code USERNAME}) are read
     * @param timeout the deadline of each call
     * @return the store
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public static KeychainStore open(Map<String, String> environment, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new KeychainStore(new KeychainAccess(), Map.copyOf(environment), timeout);
    }

    /**
     * Whether the keychain can work here, judged without connecting.
     *
     * @return available, or HEADLESS / UNAVAILABLE with one sentence on how to fix it
     */
    public Availability availability() {
        return access.availability(environment);
    }

    /**
     * The account used when a reference names none.
     *
     * @return the OS user name as the environment gives it
     */
    public String defaultAccount() {
        return KeychainItem.defaultAccount(environment);
    }

    /**
     * Creates or replaces the item a reference names.
     *
     * @param ref a {@code keychain:SERVICE[/ACCOUNT]} reference
     * @param value the value to store
     * @throws SecretException MALFORMED for a bad reference; LOCKED, HEADLESS, UNAVAILABLE, DENIED or TIMEOUT
     */
    public void put(SecretRef ref, Secret value) throws SecretException {
        write(item(ref), value);
    }

    /**
     * Creates or replaces an item.
     *
     * @param service the service name
     * @param account the account name
     * @param value the value to store
     * @throws SecretException MALFORMED for a bad name; LOCKED, HEADLESS, UNAVAILABLE, DENIED or TIMEOUT
     */
    public void put(String service, String account, Secret value) throws SecretException {
        write(item(service, account), value);
    }

    /**
     * Deletes the item a reference names.
     *
     * @param ref a {@code keychain:SERVICE[/ACCOUNT]} reference
     * @return true if it existed, false if there was nothing to delete
     * @throws SecretException MALFORMED for a bad reference; LOCKED, HEADLESS, UNAVAILABLE, DENIED or TIMEOUT
     */
    public boolean delete(SecretRef ref) throws SecretException {
        return access.delete(item(ref), environment, timeout);
    }

    /**
     * Deletes an item.
     *
     * @param service the service name
     * @param account the account name
     * @return true if it existed, false if there was nothing to delete
     * @throws SecretException MALFORMED for a bad name; LOCKED, HEADLESS, UNAVAILABLE, DENIED or TIMEOUT
     */
    public boolean delete(String service, String account) throws SecretException {
        return access.delete(item(service, account), environment, timeout);
    }

    /** Closes the keychain connection. */
    @Override
    public void close() {
        access.close();
    }

    @Override
    public String toString() {
        return "KeychainStore[" + access + ", timeout=" + timeout.toMillis() + "ms]";
    }

    private void write(KeychainItem item, Secret value) throws SecretException {
        Objects.requireNonNull(value, "value");
        char[] chars = value.revealChars();
        try {
            access.write(item, chars, environment, timeout);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private KeychainItem item(SecretRef ref) throws SecretException {
        Objects.requireNonNull(ref, "ref");
        if (!KeychainItem.SCHEME.equals(ref.scheme())) {
            throw new SecretException(Reason.MALFORMED, ref.format(), ref.format()
                    + " is not a keychain: reference; write keychain:SERVICE or keychain:SERVICE/ACCOUNT");
        }
        return KeychainItem.of(ref, environment);
    }

    private static KeychainItem item(String service, String account) throws SecretException {
        try {
            return new KeychainItem(service, account);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SecretException(Reason.MALFORMED, null, "bad keychain item name: " + e.getMessage());
        }
    }
}
