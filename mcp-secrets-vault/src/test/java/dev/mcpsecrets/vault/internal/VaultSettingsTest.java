package dev.mcpsecrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VaultSettingsTest {
    private static final String TOKEN = "hvs.PLANTED-settings-token";

    @Test
    void withoutAnAddressTheProviderIsUnavailableSoAChainFallsThrough() {
        Availability a = VaultSettings.availability(Map.of("VAULT_TOKEN", TOKEN));
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(a.detail()).contains("VAULT_ADDR");
    }

    @Test
    void withoutAnyWayToLogInTheProviderIsUnavailable() {
        Availability a = VaultSettings.availability(Map.of("VAULT_ADDR", "https://vault.example:8200", "HOME", "/nonexistent"));
        assertThat(a.available()).isFalse();
        assertThat(a.detail()).contains("VAULT_TOKEN").contains("vault login").contains("approle");
    }

    @Test
    void availabilityNamesTheServerAndMethodButNeverTheToken() {
        Availability a = VaultSettings.availability(Map.of("VAULT_ADDR", "https://vault.example:8200/", "VAULT_TOKEN",
                TOKEN, "VAULT_NAMESPACE", "team-a"));
        assertThat(a.available()).isTrue();
        assertThat(a.detail()).contains("https://vault.example:8200").contains("team-a").contains("VAULT_TOKEN")
                .doesNotContain("PLANTED");
    }

    @Test
    void skipVerifyIsRefusedNotObeyed() {
        Availability a = VaultSettings.availability(Map.of("VAULT_ADDR", "https://vault.example:8200", "VAULT_TOKEN",
                TOKEN, "VAULT_SKIP_VERIFY", "true"));
        assertThat(a.reason()).isEqualTo(Reason.DENIED);
        assertThat(a.detail()).contains("VAULT_CACERT");
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "https://vault.example:8200", "VAULT_TOKEN", TOKEN,
                "VAULT_SKIP_VERIFY", "false")).available()).isTrue();
    }

    @Test
    void plainHttpIsOnlyForLoopbackUnlessAllowed() {
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "http://vault.internal:8200", "VAULT_TOKEN", TOKEN))
                .reason()).isEqualTo(Reason.DENIED);
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "http://127.0.0.1:8200", "VAULT_TOKEN", TOKEN))
                .available()).isTrue();
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "http://vault.internal:8200", "VAULT_TOKEN", TOKEN,
                "MCP_SECRETS_VAULT_ALLOW_HTTP", "true")).available()).isTrue();
    }

    @Test
    void anAddressWithAPathOrUserInfoIsRefused() {
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "https://user:pw@vault.example", "VAULT_TOKEN", TOKEN))
                .detail()).doesNotContain("pw").contains("no user info");
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "https://vault.example/v1", "VAULT_TOKEN", TOKEN))
                .available()).isFalse();
    }

    @Test
    void theServersOwnSystemPropertyWinsOverTheEnvironment() {
        System.setProperty("mcp.secrets.vault.addr", "https://own.vault.example:8200");
        try {
            Availability a = VaultSettings.availability(Map.of("VAULT_ADDR", "https://env.vault.example", "VAULT_TOKEN",
                    TOKEN));
            assertThat(a.detail()).contains("own.vault.example");
        } finally {
            System.clearProperty("mcp.secrets.vault.addr");
        }
    }

    @Test
    void theLoginMethodIsChosenFromWhatIsSet() {
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "https://v.example", "MCP_SECRETS_VAULT_ROLE_ID",
                "env:R", "MCP_SECRETS_VAULT_SECRET_ID", "keychain:vault/secret-id")).detail()).contains("AppRole");
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "https://v.example", "MCP_SECRETS_VAULT_K8S_ROLE",
                "mcp")).detail()).contains("Kubernetes").contains("auth/kubernetes");
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "https://v.example", "MCP_SECRETS_VAULT_AUTH",
                "approle", "MCP_SECRETS_VAULT_ROLE_ID", "env:R")).detail()).contains("MCP_SECRETS_VAULT_SECRET_ID");
        assertThat(VaultSettings.availability(Map.of("VAULT_ADDR", "https://v.example", "MCP_SECRETS_VAULT_AUTH",
                "ldap")).available()).isFalse();
    }
}
