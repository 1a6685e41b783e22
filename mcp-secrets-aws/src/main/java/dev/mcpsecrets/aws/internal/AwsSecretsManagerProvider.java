package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.BatchingSecretProvider;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The {@code aws-sm:NAME_OR_ARN[?stage=LABEL|?version=ID][#JSON_KEY]} provider on AWS Secrets Manager.
 * Region, endpoint and credentials come from the environment resolutions see and the server's system
 * properties, then from the AWS SDK's default chains; never from the reference. Cheap to construct and
 * to ask about: the AWS SDK is loaded by the first resolve, in {@link SecretsManagerCalls}.
 */
public final class AwsSecretsManagerProvider implements BatchingSecretProvider, AutoCloseable {
    /** The provider id. */
    public static final String ID = "mcp-aws-sm";

    private volatile AwsCalls calls;

    /** For {@link java.util.ServiceLoader}. */
    public AwsSecretsManagerProvider() {
    }

    private AwsCalls calls() {
        AwsCalls c = calls;
        if (c == null) {
            synchronized (this) {
                c = calls;
                if (c == null) {
                    c = new SecretsManagerCalls();
                    calls = c;
                }
            }
        }
        return c;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(AwsReference.SCHEME);
    }

    /** Judged from the process environment and system properties; no connection, no file read. */
    @Override
    public Availability availability() {
        return availabilityIn(System.getenv());
    }

    /** Judged from the environment resolutions will see. */
    @Override
    public Availability availability(ResolveContext ctx) {
        return availabilityIn(ctx.environment());
    }

    private static Availability availabilityIn(Map<String, String> env) {
        try {
            return Availability.available(AwsSettings.from(env, AwsSettings.systemProperties(), null).describe());
        } catch (SecretException e) {
            return Availability.unavailable(e.reason(), e.getMessage());
        }
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        return calls().resolve(ref, ctx);
    }

    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException {
        return calls().resolveAll(refs, ctx);
    }

    /** Closes the SDK clients, if a resolve created them. */
    @Override
    public void close() {
        AwsCalls c = calls;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return ID;
    }
}
