package dev.mcpsecrets.tck;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The provider as discovery finds it: the class registered for the service loader. */
class EnvironmentProviderContractTest extends SecretProviderContract {
    @Override
    protected SecretProvider createProvider() {
        return Registrations.create("mcp-env");
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("env", "TCK_TOKEN");
    }

    @Override
    protected String expectedValue() {
        return "tck-env-value-\u00e9\u4e2d-123456";
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("env", "TCK_NOT_SET");
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("env", "not a name"), SecretRef.of("env", "9LIVES"));
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), Map.of("TCK_TOKEN", expectedValue()));
    }
}
