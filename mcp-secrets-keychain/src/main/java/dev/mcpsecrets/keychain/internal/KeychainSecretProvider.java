package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * The {@code keychain:SERVICE[/ACCOUNT]} provider. Cheap to construct; the OS keychain is opened on the
 * first resolve, shared by all calls, and closed by {@link #close()} (which {@code Secrets.close()} calls)
 * or after 30 s without calls.
 *
 * <p>Tested for real against the Linux Secret Service (gnome-keyring-daemon); on macOS and Windows it
 * follows java-keyring's code and the platforms' documented behaviour, untested. The module README lists
 * the attribute mapping per platform.
 */
public final class KeychainSecretProvider implements SecretProvider, AutoCloseable {
    /** The provider id. */
    public static final String ID = "mcp-keychain";

    /**
     * Created on first use, not here: discovery constructs every provider at server start, and the
     * access brings its threads, backend holder and platform checks, which a server that never names a
     * {@code keychain:} reference should not load.
     */
    private volatile KeychainAccess access;

    /** The provider on this platform's keychain; used by {@link java.util.ServiceLoader}. */
    public KeychainSecretProvider() {
    }

    KeychainSecretProvider(KeychainAccess access) {
        this.access = access;
    }

    private KeychainAccess access() {
        KeychainAccess a = access;
        if (a == null) {
            synchronized (this) {
                a = access;
                if (a == null) {
                    a = new KeychainAccess();
                    access = a;
                }
            }
        }
        return a;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(KeychainItem.SCHEME);
    }

    /** Judged from the process environment without connecting: no D-Bus session, unsupported OS. */
    @Override
    public Availability availability() {
        return access().availability(System.getenv());
    }

    /** Judged from the environment resolutions will see (its D-Bus address), not only the process's. */
    @Override
    public Availability availability(ResolveContext ctx) {
        return access().availability(ctx.environment());
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        if (!supports(ref)) {
            throw new SecretException(Reason.MALFORMED, ref.format(), ref.format() + " is not a keychain: reference");
        }
        KeychainItem item = KeychainItem.of(ref, ctx.environment());
        Duration timeout = CallTimeout.from(ctx.environment());
        Duration left = ctx.remaining();
        if (left.isZero()) {
            throw new SecretException(Reason.TIMEOUT, ref.format(), "no time left to ask the keychain");
        }
        char[] value = access().read(item, ref.format(), ctx.environment(), left.compareTo(timeout) < 0 ? left : timeout);
        Secret raw = Secret.of(value);
        Arrays.fill(value, '\0');
        try {
            return raw.withOrigin(item.describe());
        } finally {
            raw.destroy();
        }
    }

    @Override
    public void close() {
        KeychainAccess a = access;
        if (a != null) {
            a.close();
        }
    }

    @Override
    public String toString() {
        KeychainAccess a = access;
        return a == null ? "KeychainSecretProvider[not opened]" : "KeychainSecretProvider[" + a + "]";
    }
}
