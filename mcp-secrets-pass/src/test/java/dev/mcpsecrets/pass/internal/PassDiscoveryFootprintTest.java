package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.tck.DiscoveryFootprint;
import org.junit.jupiter.api.Test;

/** Discovery loads the provider class alone: the reader, its parser and process handling wait for a resolve. */
class PassDiscoveryFootprintTest {
    @Test
    void constructingTheProviderLoadsOnlyItself() {
        assertThat(DiscoveryFootprint.of(PassSecretProvider.class, "dev.mcpsecrets.pass."))
                .containsExactly(PassSecretProvider.class.getName());
    }
}
