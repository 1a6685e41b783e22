package dev.mcpsecrets.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.BuiltInProviders;
import org.junit.jupiter.api.Test;

/** The built-in providers load only themselves when discovered; the footprint tool sees what loads. */
class DiscoveryFootprintTest {
    private static final String INTERNAL = "dev.mcpsecrets.api.internal.";

    @Test
    void environmentProviderLoadsOnlyItself() {
        Class<?> type = BuiltInProviders.environment().getClass();
        assertThat(DiscoveryFootprint.of(type, INTERNAL)).containsExactly(type.getName());
    }

    @Test
    void fileProviderLeavesItsReaderForTheFirstResolve() {
        Class<?> type = BuiltInProviders.files().getClass();
        assertThat(DiscoveryFootprint.of(type, INTERNAL)).containsExactly(type.getName());
    }

    @Test
    void seesClassesThatConstructionPullsIn() {
        assertThat(DiscoveryFootprint.of(Heavy.class, "dev.mcpsecrets.tck.DiscoveryFootprintTest"))
                .containsExactly(Heavy.class.getName(), Heavy.Backend.class.getName());
    }

    @Test
    void aClassWithoutPublicNoArgumentConstructorIsRefusedWithItsName() {
        assertThatThrownBy(() -> DiscoveryFootprint.of(NoDefault.class, "dev.mcpsecrets.tck."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NoDefault.class.getName());
    }

    /** Builds its backend in the constructor, as a provider should not. */
    public static final class Heavy {
        private final Backend backend = new Backend();

        /** For the footprint tool. */
        public Heavy() {
        }

        @Override
        public String toString() {
            return String.valueOf(backend);
        }

        static final class Backend {
        }
    }

    /** Only a constructor with an argument. */
    public static final class NoDefault {
        /**
         * Not usable by discovery.
         *
         * @param unused anything
         */
        public NoDefault(String unused) {
        }
    }
}
