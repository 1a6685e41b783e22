package dev.mcpsecrets.pass.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.pass.testing.TestStore;
import dev.mcpsecrets.tck.SecretProviderContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider TCK against a real password store and gpg. */
class PassProviderContractIT extends SecretProviderContract {
    private static final String VALUE = "tck-pass-value-\u00e9\u4e2d-123456";
    private static TestStore store;

    @BeforeAll
    static void storeTheExistingEntry() throws Exception {
        store = Stores.create();
        store.insert("tck/existing", VALUE + "\nuser: tck-user\n");
    }

    @AfterAll
    static void stopTheAgent() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    protected SecretProvider createProvider() {
        return new PassSecretProvider();
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("pass", "tck/existing");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("pass", "tck/missing");
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("pass", "tck/existing#user"), SecretRef.of("pass", "tck/existing#line=9"),
                SecretRef.of("pass", "tck/existing#nofield"), SecretRef.of("pass", "tck"),
                SecretRef.of("pass", "../tck/existing"));
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), store.environment());
    }
}
