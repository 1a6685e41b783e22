package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.util.Collection;
import java.util.Map;

/**
 * How the {@code aws-sm:} provider reaches Secrets Manager once it is first used. An interface, not a
 * base class: the JVM's verifier then need not load the implementation (and through it the AWS SDK) to
 * check the provider's own code, so discovering the provider loads only the provider.
 */
interface AwsCalls {
    /**
     * Resolves one reference.
     *
     * @param ref an {@code aws-sm:} reference
     * @param ctx deadline and environment
     * @return the secret
     * @throws SecretException why it could not be had
     */
    Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException;

    /**
     * Resolves many references; the ones left out of the result are asked for alone.
     *
     * @param refs {@code aws-sm:} references
     * @param ctx deadline and environment
     * @return what was resolved
     * @throws SecretException if the whole batch failed
     */
    Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException;

    /** Closes the SDK clients and forgets remembered failures. */
    void close();
}
