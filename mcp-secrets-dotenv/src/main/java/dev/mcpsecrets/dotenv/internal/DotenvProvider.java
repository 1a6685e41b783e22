package dev.mcpsecrets.dotenv.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.util.Set;

/**
 * {@code dotenv:KEY} (profile-aware search, see {@link SearchPath}) and {@code dotenv:/path/file.env#KEY}.
 *
 * <p>Every file read is checked by {@link FileSafety}: in the production profile an unsafe file refuses
 * the resolution with {@link dev.mcpsecrets.api.Reason#DENIED} and the fix in the message (fail closed: skipping it could
 * serve a different value than the one the user meant); in other profiles it is a warning, logged once
 * per file. Which file served a key is logged and recorded as the secret's origin.
 */
public final class DotenvProvider implements SecretProvider {
    /** The provider id. */
    public static final String ID = "mcp-dotenv";
    /** The scheme. */
    public static final String SCHEME = "dotenv";

    /**
     * Created on first resolve: discovery constructs every provider at server start, and the lookup
     * (file cache, parser, safety checks) is only worth loading once a {@code dotenv:} reference is asked for.
     */
    private volatile DotenvLookup lookup;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    @Override
    public boolean supports(SecretRef ref) {
        return SCHEME.equals(ref.scheme());
    }

    @Override
    public Availability availability() {
        return Availability.available(".env files in " + SearchPath.DIR_VARIABLE
                + ", the working directory, ~/.config/mcp-secrets and ~/.claude/secrets");
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        DotenvLookup l = lookup;
        if (l == null) {
            synchronized (this) {
                l = lookup;
                if (l == null) {
                    l = new DotenvLookup();
                    lookup = l;
                }
            }
        }
        return l.resolve(ref, ctx);
    }

    @Override
    public String toString() {
        return ID;
    }
}
