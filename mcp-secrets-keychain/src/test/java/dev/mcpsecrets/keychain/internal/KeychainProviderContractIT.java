package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.keychain.testing.KeyringDaemon;
import dev.mcpsecrets.tck.SecretProviderContract;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provider TCK against the real gnome-keyring-daemon of the test run. */
@ExtendWith(SkipWithoutKeyring.class)
@AddLifecycleHook(SkipWithoutKeyring.class)
class KeychainProviderContractIT extends SecretProviderContract {
    private static final String VALUE = "tck-keychain-value-\u00e9\u4e2d-123456";
    private static KeyringDaemon daemon;

    @BeforeAll
    static void storeTheExistingItem() throws Exception {
        daemon = RealKeyring.daemon();
        daemon.secretToolStore("tck-existing", "tck-user", VALUE);
    }

    @Override
    protected SecretProvider createProvider() {
        // the contract never closes what it creates; closed before the daemon stops
        return RealKeyring.closeAtEnd(new KeychainSecretProvider());
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("keychain", "tck-existing/tck-user");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("keychain", "tck-missing/tck-user");
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("keychain", "tck-existing/other-user"), SecretRef.of("keychain", "/no-service"),
                SecretRef.of("keychain", "tck-existing/"), SecretRef.of("keychain", "tck-existing"));
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), RealKeyring.daemon().environment());
    }
}
