package dev.mcpsecrets.pass.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.util.Map;
import java.util.Set;

/**
 * The {@code pass:NAME[#FIELD|#line=N]} provider on the standard Unix password store. Everything is read
 * from the resolve context's environment ({@code PASSWORD_STORE_DIR}, {@code PASSWORD_STORE_GPG_OPTS},
 * {@code GNUPGHOME}, {@code PATH}), which is also gpg's whole environment. Cheap to construct: the
 * reader is created on the first resolve.
 */
public final class PassSecretProvider implements SecretProvider {
    /** The provider id. */
    public static final String ID = "mcp-pass";
    private static final long AVAILABILITY_TTL_NANOS = 10_000_000_000L;

    private volatile PassReader reader;
    private volatile Checked checked;

    /** An availability answer, for the environment it was judged from and when. */
    private record Checked(Map<String, String> environment, Availability availability, long atNanos) {
    }

    /** For {@link java.util.ServiceLoader}. */
    public PassSecretProvider() {
    }

    private PassReader reader() {
        PassReader r = reader;
        if (r == null) {
            synchronized (this) {
                r = reader;
                if (r == null) {
                    r = new PassReader();
                    reader = r;
                }
            }
        }
        return r;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(PassEntry.SCHEME);
    }

    /** Judged from the process environment: gpg on PATH and a store directory; starts no process. */
    @Override
    public Availability availability() {
        return availabilityIn(System.getenv());
    }

    /** Judged from the environment resolutions will see. */
    @Override
    public Availability availability(ResolveContext ctx) {
        return availabilityIn(ctx.environment());
    }

    private Availability availabilityIn(Map<String, String> env) {
        long now = System.nanoTime();
        Checked c = checked;
        if (c == null || !c.environment().equals(env) || now - c.atNanos() > AVAILABILITY_TTL_NANOS) {
            c = new Checked(env, PassSettings.readAvailability(env), now);
            checked = c;
        }
        return c.availability();
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        return reader().resolve(ref, ctx);
    }

    @Override
    public String toString() {
        return ID;
    }
}
