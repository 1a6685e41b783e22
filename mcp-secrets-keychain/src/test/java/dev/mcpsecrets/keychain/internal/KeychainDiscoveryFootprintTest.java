package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.tck.DiscoveryFootprint;
import org.junit.jupiter.api.Test;

/** Discovery loads the provider class alone: the keychain access, threads and backend wait for a resolve. */
class KeychainDiscoveryFootprintTest {
    @Test
    void constructingTheProviderLoadsOnlyItself() {
        assertThat(DiscoveryFootprint.of(KeychainSecretProvider.class, "dev.mcpsecrets.keychain."))
                .containsExactly(KeychainSecretProvider.class.getName());
    }

    @Test
    void aProviderNeverUsedHasNothingToClose() {
        KeychainSecretProvider provider = new KeychainSecretProvider();
        provider.close();
        assertThat(provider).hasToString("KeychainSecretProvider[not opened]");
    }
}
