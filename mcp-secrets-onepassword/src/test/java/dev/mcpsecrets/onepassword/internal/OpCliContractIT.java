package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.onepassword.testing.FakeOp;
import dev.mcpsecrets.tck.SecretProviderContract;
import java.time.Duration;
import java.util.List;

/** The provider contract for {@code mcp-op-cli}, against the fake op program. */
class OpCliContractIT extends SecretProviderContract {
    private static final String VALUE = "tck-op-cli-value-\u00e9-4242";
    private static final FakeOp FAKE = FakeOp.install()
            .with("op://Private/GitHub/token", VALUE)
            .with("op://Private/GitHub/Admin/user", "octocat-admin");

    @Override
    protected SecretProvider createProvider() {
        return new OpCliProvider(FAKE.environment());
    }

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
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), FAKE.environment());
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("op", "//Private/GitHub/Admin/user"), SecretRef.of("op", "//Work/Nothing/here"),
                SecretRef.of("op", "//Private/GitHub/token?attribute=otp"), SecretRef.of("op", "Private/GitHub"));
    }
}
