/**
 * The {@code op://} provider: 1Password CLI ({@code mcp-op-cli}) and 1Password Connect
 * ({@code mcp-op-connect}). Exports nothing; both providers are found with {@link java.util.ServiceLoader}.
 */
module dev.mcpsecrets.onepassword {
    requires transitive dev.mcpsecrets.api;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;

    provides dev.mcpsecrets.api.SecretProvider with
            dev.mcpsecrets.onepassword.internal.ConnectProvider,
            dev.mcpsecrets.onepassword.internal.OpCliProvider;
}
