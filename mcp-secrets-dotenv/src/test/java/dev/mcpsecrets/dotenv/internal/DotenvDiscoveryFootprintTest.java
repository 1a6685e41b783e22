package dev.mcpsecrets.dotenv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.tck.DiscoveryFootprint;
import org.junit.jupiter.api.Test;

/** Discovery loads the provider class alone: parser, file cache and safety checks wait for a resolve. */
class DotenvDiscoveryFootprintTest {
    @Test
    void constructingTheProviderLoadsOnlyItself() {
        assertThat(DiscoveryFootprint.of(DotenvProvider.class, "dev.mcpsecrets.dotenv."))
                .containsExactly(DotenvProvider.class.getName());
    }
}
