package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.tck.DiscoveryFootprint;
import org.junit.jupiter.api.Test;

/** Discovery loads the two provider classes and their base: caches, cooldowns and HTTP wait for a resolve. */
class OpDiscoveryFootprintTest {
    private static final String MODULE = "dev.mcpsecrets.onepassword.";

    @Test
    void theCliProviderLoadsOnlyItselfAndItsBase() {
        assertThat(DiscoveryFootprint.of(OpCliProvider.class, MODULE))
                .containsExactly(OpCliProvider.class.getName(), OpProviderBase.class.getName());
    }

    @Test
    void theConnectProviderLoadsOnlyItselfAndItsBase() {
        assertThat(DiscoveryFootprint.of(ConnectProvider.class, MODULE))
                .containsExactly(ConnectProvider.class.getName(), OpProviderBase.class.getName());
    }
}
