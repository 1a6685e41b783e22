package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.tck.SecretProviderContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The provider contract with the references both {@code op://} backends are tested with: each fake
 * holds {@value #VALUE} at {@code op://Private/GitHub/token} and a user name in section Admin.
 */
abstract class OpProviderContract extends SecretProviderContract {
    /** The value of the existing reference. */
    static final String VALUE = "tck-op-value-\u00e9-4242";
    /** The value of {@code op://Private/GitHub/Admin/user}. */
    static final String ADMIN_USER = "octocat-admin";

    /**
     * The environment that points the provider and its context at the fake backend.
     *
     * @return the environment
     */
    abstract Map<String, String> environment();

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("op", "//Private/GitHub/token");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("op", "//Private/GitHub/absent-field");
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), environment());
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("op", "//Private/GitHub/Admin/user"), SecretRef.of("op", "//Work/Nothing/here"),
                SecretRef.of("op", "//Private/GitHub/token?attribute=otp"), SecretRef.of("op", "Private/GitHub"));
    }
}
