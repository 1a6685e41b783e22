package dev.mcpsecrets.vault.internal;

import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.util.Collection;
import java.util.Map;

/**
 * How the {@code vault:} provider reaches Vault once it is first used. An interface, so that the JVM's
 * verifier need not load the implementation to check the provider's own code: discovering the provider
 * loads the provider and this interface only.
 */
interface VaultCalls {
    /**
     * Resolves one reference.
     *
     * @param ref a {@code vault:} reference
     * @param ctx deadline and environment
     * @return the secret
     * @throws SecretException why it could not be had
     */
    Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException;

    /**
     * Resolves many references, reading each path once; the ones left out are asked for alone.
     *
     * @param refs {@code vault:} references
     * @param ctx deadline and environment
     * @return what was resolved
     * @throws SecretException if the whole batch failed (sealed, denied, rate-limited, deadline)
     */
    Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException;

    /** Forgets tokens, mount versions and clients. */
    void close();
}
