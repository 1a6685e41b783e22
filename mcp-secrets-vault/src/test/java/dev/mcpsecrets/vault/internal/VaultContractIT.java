package dev.mcpsecrets.vault.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.tck.SecretProviderContract;
import dev.mcpsecrets.vault.testing.FakeVault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The provider contract for {@code mcp-vault}, against the fake Vault: a KV v2 and a KV v1 mount. */
class VaultContractIT extends SecretProviderContract {
    private static final String TOKEN = "hvs.PLANTED-contract-token-0123456789";
    private static final String VALUE = "PLANTED-vault-value-\u00e9-4242";
    private static final FakeVault SERVER = FakeVault.start().mount("secret", 2).mount("kv", 1)
            .put("secret/app/db", Map.of("password", VALUE, "user", "app"))
            .put("kv/legacy/api", Map.of("key", "PLANTED-v1-value-777"))
            .token(TOKEN, 0, false, "*");

    @Override
    protected SecretProvider createProvider() {
        return new VaultSecretProvider();
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("vault", "secret/app/db#password");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("vault", "secret/app/absent#password");
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10),
                Map.of("VAULT_ADDR", SERVER.url(), "VAULT_TOKEN", TOKEN));
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("vault", "secret/app/db#user"), SecretRef.of("vault", "secret/app/db"),
                SecretRef.of("vault", "secret/app/db#absent"), SecretRef.of("vault", "kv/legacy/api"),
                SecretRef.of("vault", "secret/app/db?version=9#password"), SecretRef.of("vault", "kv/legacy/api?version=1"),
                SecretRef.of("vault", "nomount/x#y"), SecretRef.of("vault", "secret"));
    }
}
