/**
 * The {@code vault:} provider for HashiCorp Vault and OpenBao key/value secrets ({@code mcp-vault}).
 * Exports nothing; the provider is found with {@link java.util.ServiceLoader}.
 */
module dev.mcpsecrets.vault {
    requires transitive dev.mcpsecrets.api;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;

    provides dev.mcpsecrets.api.SecretProvider with dev.mcpsecrets.vault.internal.VaultSecretProvider;
}
