package dev.mcpsecrets.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A source of secrets, found with {@link java.util.ServiceLoader} or registered explicitly through
 * {@link Secrets.Builder#addProvider(SecretProvider)}.
 *
 * <p>Implementations keep three outcomes apart: not mine ({@link #supports} is {@code false}),
 * unavailable ({@link #availability()} says why: backend missing, locked, headless), and failed
 * ({@link SecretException} with a {@link Reason}). Constructors must be cheap and free of side effects;
 * I/O happens on first use. Discovery constructs every provider on the class path while a server
 * starts, so the registered class should load little else: create clients, caches and threads on the
 * first {@link #resolve} ({@code DiscoveryFootprint} in the TCK shows what construction loads).
 * Messages, logs and {@code toString()} never contain a secret value.
 * Implementations must be safe for concurrent use.
 *
 * @since 0.1
 */
public interface SecretProvider {
    /**
     * Unique, stable, lowercase id such as {@code mcp-env}. The {@code mcp-} prefix is reserved for
     * this project's providers.
     *
     * @return the id
     */
    String id();

    /**
     * The schemes this provider claims, used to validate references and in error messages.
     *
     * @return the schemes, e.g. {@code Set.of("env")}
     */
    Set<String> schemes();

    /**
     * Whether this provider handles the reference. Pure and cheap: no I/O, no exceptions.
     *
     * @param ref the reference
     * @return {@code true} if this provider should be asked
     */
    default boolean supports(SecretRef ref) {
        return schemes().contains(ref.scheme());
    }

    /**
     * Resolves one reference.
     *
     * @param ref a reference for which {@link #supports} is {@code true}
     * @param ctx profile, deadline and environment
     * @return the secret, owned by the caller
     * @throws SecretException with the reason it could not be had
     */
    Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException;

    /**
     * Resolves many references at once, by default one by one through {@link #resolve}. Backends that
     * can batch (one process, one request) implement {@link BatchingSecretProvider}: the facade sends
     * batches only to those. The result holds the references that were resolved; a reference missing
     * from it failed (this default stops at the first {@link Reason#TIMEOUT}, which it throws). Throwing
     * means the whole batch failed for that reason.
     *
     * @param refs references this provider supports
     * @param ctx profile, deadline and environment
     * @return secrets by reference
     * @throws SecretException if the whole batch failed
     */
    default Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx)
            throws SecretException {
        Map<SecretRef, Secret> out = new LinkedHashMap<>();
        for (SecretRef ref : refs) {
            try {
                out.put(ref, resolve(ref, ctx));
            } catch (SecretException e) {
                if (e.reason() == Reason.TIMEOUT) {
                    throw e;
                }
            }
        }
        return out;
    }

    /**
     * Order among providers claiming the same reference: higher first, ties by id.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }

    /**
     * Whether the provider can work now, and if not why. Should answer quickly (well under a second);
     * may be called often, so cache expensive probes.
     *
     * @return the availability
     */
    default Availability availability() {
        return Availability.available(id());
    }

    /**
     * Whether the provider can work for resolutions in this context. The facade calls this one, so
     * providers whose availability depends on environment variables (a binary on {@code PATH}, a
     * server address, a D-Bus session) should override it and read {@link ResolveContext#getenv};
     * the default ignores the context and calls {@link #availability()}.
     *
     * @param ctx the environment and profile resolutions will see
     * @return the availability
     * @since 0.1
     */
    default Availability availability(ResolveContext ctx) {
        return availability();
    }
}
