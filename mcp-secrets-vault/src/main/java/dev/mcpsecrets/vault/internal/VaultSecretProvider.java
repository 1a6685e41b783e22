package dev.mcpsecrets.vault.internal;

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
 * {@code vault:MOUNT/PATH[?version=N][#KEY]} from HashiCorp Vault or OpenBao key/value engines (v1 and
 * v2). The address and the way to log in come from the resolve context's environment ({@code VAULT_ADDR},
 * {@code VAULT_TOKEN}, ...) or from the server's own system properties, never from a reference. Cheap to
 * construct: the HTTP client, the mount and token state live in {@link VaultReader}, created on the first
 * resolve, behind the small {@link VaultCalls} interface.
 */
public final class VaultSecretProvider implements BatchingSecretProvider, AutoCloseable {
    /** The provider id. */
    public static final String ID = "mcp-vault";
    /** The scheme of its references. */
    static final String SCHEME = "vault";

    private volatile VaultCalls calls;

    /** For {@link java.util.ServiceLoader}. */
    public VaultSecretProvider() {
    }

    private VaultCalls calls() {
        VaultCalls c = calls;
        if (c == null) {
            synchronized (this) {
                c = calls;
                if (c == null) {
                    c = new VaultReader();
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
        return Set.of(SCHEME);
    }

    /** Judged from the process environment and system properties; sends no request. */
    @Override
    public Availability availability() {
        return VaultSettings.availability(System.getenv());
    }

    /** Judged from the environment resolutions will see; sends no request. */
    @Override
    public Availability availability(ResolveContext ctx) {
        return VaultSettings.availability(ctx.environment());
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        return calls().resolve(ref, ctx);
    }

    /** Reads each secret path once, whatever the number of keys asked from it. */
    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException {
        return calls().resolveAll(refs, ctx);
    }

    /** Forgets tokens, mount versions and HTTP clients. */
    @Override
    public void close() {
        VaultCalls c = calls;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return ID;
    }
}
