package dev.mcpsecrets.api;

import java.util.Collection;
import java.util.Map;

/**
 * A {@link SecretProvider} whose backend answers many references in one round trip (one process, one
 * request). {@link Secrets#resolveAll} sends the references such a provider claims to it as one batch;
 * every other provider is asked one reference at a time, whatever its {@code resolveAll} does.
 *
 * <p>Implementing this interface is the only signal: the facade never inspects which methods a class
 * declares. A provider that cannot batch should not implement it.
 *
 * @since 0.1
 */
public interface BatchingSecretProvider extends SecretProvider {
    /**
     * Resolves many references in one round trip. The result holds the references that were resolved;
     * a reference missing from it is then resolved alone through {@link #resolve} to learn why it
     * failed. Throwing means the whole batch failed for that reason ({@link Reason#NOT_FOUND}: at
     * least one reference is missing and the backend does not say which, so each is asked alone).
     *
     * @param refs references this provider supports, no duplicates
     * @param ctx profile, deadline and environment
     * @return secrets by reference, owned by the caller
     * @throws SecretException if the whole batch failed
     */
    @Override
    Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException;
}
