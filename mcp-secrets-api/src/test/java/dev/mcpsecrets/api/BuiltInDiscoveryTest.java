package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The built-in providers are registered for the service loader through classes in the internal
 * package; discovery hands the facade the implementations themselves.
 */
class BuiltInDiscoveryTest {
    private static final String ENV_VALUE = "discovered-env-value-4711";

    private static SecretProvider discovered(String id) {
        return ProviderDiscovery.discover(null).stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void discoveryYieldsTheImplementationsThatBuiltInProvidersCreates() {
        assertThat(discovered("mcp-env")).isInstanceOf(BuiltInProviders.environment().getClass());
        assertThat(discovered("mcp-file")).isInstanceOf(BuiltInProviders.files().getClass());
    }

    @Test
    void theDiscoveredEnvironmentProviderRunsOnTheCallersThreadWithoutADeadlineWorker() throws Exception {
        ResolveContext expired = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofNanos(1), Map.of("X", ENV_VALUE));
        while (!expired.isExpired()) {
            Thread.onSpinWait();
        }
        // a provider sent to a worker is refused once the deadline has passed; the environment never blocks
        try (Calls calls = new Calls()) {
            Secret secret = calls.resolve(discovered("mcp-env"), SecretRef.of("env", "X"), expired);
            assertThat(secret.revealAsString()).isEqualTo(ENV_VALUE);
        }
    }

    @Test
    void theRegisteredClassesLiveInTheInternalPackageAndForwardToTheImplementations() throws Exception {
        List<SecretProvider> registered = ServiceLoader.load(SecretProvider.class).stream()
                .filter(p -> p.type().getPackageName().equals("dev.mcpsecrets.api.internal"))
                .map(ServiceLoader.Provider::get).toList();
        assertThat(registered).extracting(SecretProvider::id).containsExactlyInAnyOrder("mcp-env", "mcp-file");
        SecretProvider env = registered.stream().filter(p -> p.id().equals("mcp-env")).findFirst().orElseThrow();
        assertThat(env.schemes()).containsExactly("env");
        assertThat(env.toString()).isEqualTo("mcp-env");
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), Map.of("X", ENV_VALUE));
        assertThat(env.resolve(SecretRef.of("env", "X"), ctx).revealAsString()).isEqualTo(ENV_VALUE);
    }
}
