package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.BatchingSecretProvider;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What both {@code op://} providers share: identity, the environment availability is judged from, and
 * the calls to the backend, created on the first resolve. Discovery constructs every provider when a
 * server starts, whether or not it names an {@code op://} reference, so the registered classes stay
 * small and load nothing else; the work lives in {@link OpCalls}.
 *
 * @param <C> the backend calls
 */
abstract class OpProviderBase<C extends OpCalls> implements BatchingSecretProvider, AutoCloseable {
    private final String id;
    private final int priority;
    /** The environment availability is judged from (resolutions use the context's). */
    final Map<String, String> environment;
    private volatile C calls;

    OpProviderBase(String id, int priority, Map<String, String> environment) {
        this.id = id;
        this.priority = priority;
        // The process environment is already an unmodifiable snapshot; copying it entry by entry at
        // discovery would cost start-up time for nothing.
        this.environment = environment == System.getenv() ? environment : Map.copyOf(environment);
    }

    /**
     * Creates the backend calls; called once, on first use.
     *
     * @return new calls
     */
    abstract C newCalls();

    /**
     * The backend calls, created on first use.
     *
     * @return the calls
     */
    final C calls() {
        C c = calls;
        if (c == null) {
            synchronized (this) {
                c = calls;
                if (c == null) {
                    c = newCalls();
                    calls = c;
                }
            }
        }
        return c;
    }

    /**
     * The backend calls if a resolve has created them.
     *
     * @return the calls, or {@code null}
     */
    final C existingCalls() {
        return calls;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Set<String> schemes() {
        return Set.of("op");
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        return calls().resolve(ref, ctx);
    }

    @Override
    public final Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx)
            throws SecretException {
        return calls().resolveAll(refs, ctx);
    }

    /** Forgets remembered failures and cached state. */
    @Override
    public final void close() {
        C c = calls;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public final String toString() {
        return id;
    }
}
