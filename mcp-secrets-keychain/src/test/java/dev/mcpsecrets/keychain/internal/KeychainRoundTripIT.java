package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.keychain.KeychainStore;
import dev.mcpsecrets.keychain.testing.KeyringDaemon;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/** Writes, reads and deletes items in a real gnome-keyring-daemon, and reads what secret-tool wrote. */
@ExtendWith(SkipWithoutKeyring.class)
class KeychainRoundTripIT {
    private static KeyringDaemon daemon;
    private static KeychainSecretProvider provider;
    private static KeychainStore store;

    @BeforeAll
    static void open() {
        daemon = RealKeyring.daemon();
        provider = new KeychainSecretProvider();
        store = KeychainStore.open(daemon.environment(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        // null when open() was skipped (no keyring outside CI) or failed
        if (provider != null) {
            provider.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void putThenResolveThenDeleteRoundTrips() throws Exception {
        SecretRef ref = SecretRef.parse("keychain:round-trip/alice");
        store.put(ref, Secret.of("rt-value-1"));
        assertThat(resolve(ref).revealAsString()).isEqualTo("rt-value-1");

        store.put(ref, Secret.of("rt-value-2"));
        assertThat(resolve(ref).revealAsString()).as("put replaces").isEqualTo("rt-value-2");

        assertThat(store.delete(ref)).isTrue();
        assertThatThrownBy(() -> resolve(ref)).isInstanceOfSatisfying(SecretException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains("round-trip").contains("alice").doesNotContain("rt-value");
        });
        assertThat(store.delete(ref)).as("deleting twice").isFalse();
    }

    @Test
    void itemStoredWithSecretToolIsReadWithTheDefaultAccount() throws Exception {
        Map<String, String> env = new HashMap<>(daemon.environment());
        env.put("USER", "it-user");
        daemon.secretToolStore("github-mcp-token", "it-user", "ghp_fromSecretTool");

        Secret secret = provider.resolve(SecretRef.parse("keychain:github-mcp-token"),
                ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), env));

        assertThat(secret.revealAsString()).isEqualTo("ghp_fromSecretTool");
        assertThat(secret.origin()).contains("keychain service 'github-mcp-token' account 'it-user'");
    }

    @Test
    void itemPutByTheStoreIsFoundBySecretToolUnderServiceAndAccount() throws Exception {
        store.put("shared-with-cli", "bob", Secret.of("visible-to-secret-tool"));

        assertThat(daemon.secretToolLookup("shared-with-cli", "bob")).isEqualTo("visible-to-secret-tool");
    }

    @Test
    void twoItemsMatchingOneReferenceAreReportedNotPickedAtRandom() throws Exception {
        daemon.secretToolStore("first-copy", "service", "twice", "account", "t", "copy", "1");
        daemon.secretToolStore("second-copy", "service", "twice", "account", "t", "copy", "2");

        assertThatThrownBy(() -> resolve(SecretRef.parse("keychain:twice/t")))
                .isInstanceOfSatisfying(SecretException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("more than one item").contains("secret-tool clear")
                            .doesNotContain("first-copy").doesNotContain("second-copy");
                });
    }

    @Test
    void unicodeValueSurvivesTheRoundTrip() throws Exception {
        String value = "p\u00e4ss-\u4e2d\u6587-\ud83d\udd11-\u0645\u0631\u062d\u0628\u0627";
        store.put("unicode", "u", Secret.of(value));

        assertThat(resolve(SecretRef.parse("keychain:unicode/u")).revealAsString()).isEqualTo(value);
        assertThat(daemon.secretToolLookup("unicode", "u")).isEqualTo(value);
    }

    @Test
    void sixtyFourKibValueSurvivesTheRoundTrip() throws Exception {
        StringBuilder big = new StringBuilder(64 * 1024);
        for (int i = 0; big.length() < 64 * 1024; i++) {
            big.append((char) ('a' + i % 26));
        }
        // secret-tool store reads at most 8 KiB from stdin, so the store writes this one
        store.put("big-value", "b", Secret.of(big));

        Secret secret = resolve(SecretRef.parse("keychain:big-value/b"));

        assertThat(secret.length()).isEqualTo(64 * 1024);
        assertThat(secret.revealAsString()).isEqualTo(big.toString());
        assertThat(daemon.secretToolLookup("big-value", "b")).isEqualTo(big.toString());
    }

    @Test
    void resolvesThroughTheFacadeWithAnEnvFallbackUnused() throws Exception {
        store.put("facade", "f", Secret.of("from-keychain"));
        Map<String, String> env = new HashMap<>(daemon.environment());
        env.put("FACADE_FALLBACK", "from-env");
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new KeychainSecretProvider())
                .addProvider(BuiltInProviders.environment())
                .environment(env).build()) {
            assertThat(secrets.resolve("keychain:facade/f || env:FACADE_FALLBACK").revealAsString())
                    .isEqualTo("from-keychain");
            assertThat(secrets.resolve("keychain:facade/absent || env:FACADE_FALLBACK").revealAsString())
                    .isEqualTo("from-env");
        }
    }

    private static Secret resolve(SecretRef ref) throws SecretException {
        return provider.resolve(ref, ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5),
                daemon.environment()));
    }
}
