package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.tck.DiscoveryFootprint;
import org.junit.jupiter.api.Test;

/**
 * Discovery loads the provider, its base and the small interface the verifier checks the calls against;
 * caches, cooldowns, {@code op} runs and HTTP wait for a resolve.
 */
class OpDiscoveryFootprintTest {
    private static final String MODULE = "dev.mcpsecrets.onepassword.";

    @Test
    void theCliProviderLoadsOnlyItselfItsBaseAndTheCallsInterface() {
        assertThat(DiscoveryFootprint.of(OpCliProvider.class, MODULE))
                .containsExactlyInAnyOrder(OpCliProvider.class.getName(), OpProviderBase.class.getName(),
                        OpCalls.class.getName());
    }

    @Test
    void theConnectProviderLoadsOnlyItselfItsBaseAndTheCallsInterface() {
        assertThat(DiscoveryFootprint.of(ConnectProvider.class, MODULE))
                .containsExactlyInAnyOrder(ConnectProvider.class.getName(), OpProviderBase.class.getName(),
                        OpCalls.class.getName());
    }
}
