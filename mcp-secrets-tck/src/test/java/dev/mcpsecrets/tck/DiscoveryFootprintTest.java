package dev.mcpsecrets.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in providers load little when discovered; the footprint tool sees what loads. */
class DiscoveryFootprintTest {
    private static final String API = "dev.mcpsecrets.api.";
    /**
     * API types a provider class refers to, which the verifier loads with it; the facade has loaded
     * them already by the time discovery runs.
     */
    private static final List<String> SPI = List.of(API + "SecretException", API + "SecretProvider");

    /**
     * The registration, the factory it asks and the implementation it forwards to: the implementations
     * are package-private in the API package (so that package never depends on the internal one) and
     * only the registrations are public. Nothing the first resolve needs is loaded.
     */
    @Test
    void environmentProviderLoadsOnlyItsRegistrationAndImplementation() {
        Class<?> type = Registrations.type("mcp-env");
        assertThat(DiscoveryFootprint.of(type, API)).containsExactlyInAnyOrderElementsOf(with(SPI,
                API + "internal.EnvironmentProvider", API + "BuiltInProviders", API + "BuiltInEnvironmentProvider",
                API + "MalformedRefException"));
    }

    @Test
    void fileProviderLeavesItsReaderForTheFirstResolve() {
        Class<?> type = Registrations.type("mcp-file");
        assertThat(DiscoveryFootprint.of(type, API)).containsExactlyInAnyOrderElementsOf(with(SPI,
                API + "internal.FileProvider", API + "BuiltInProviders", API + "BuiltInFileProvider"));
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
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
