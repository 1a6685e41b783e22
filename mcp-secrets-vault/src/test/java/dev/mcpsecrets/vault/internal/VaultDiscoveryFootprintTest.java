package dev.mcpsecrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.tck.DiscoveryFootprint;
import org.junit.jupiter.api.Test;

/** Discovery loads the provider and the calls interface; HTTP, JSON, logins and mounts wait for a resolve. */
class VaultDiscoveryFootprintTest {
    @Test
    void constructingTheProviderLoadsOnlyItselfAndTheCallsInterface() {
        assertThat(DiscoveryFootprint.of(VaultSecretProvider.class, "dev.mcpsecrets.vault."))
                .containsExactlyInAnyOrder(VaultSecretProvider.class.getName(), VaultCalls.class.getName());
    }
}
