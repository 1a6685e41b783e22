/**
 * mcp-secrets API: {@link dev.mcpsecrets.api.Secret}, {@link dev.mcpsecrets.api.SecretRef}, the
 * {@link dev.mcpsecrets.api.SecretProvider} SPI and the {@link dev.mcpsecrets.api.Secrets} facade,
 * with the built-in {@code env:} and {@code file:} providers.
 */
module dev.mcpsecrets.api {
    requires transitive org.slf4j;

    exports dev.mcpsecrets.api;

    uses dev.mcpsecrets.api.SecretProvider;

    provides dev.mcpsecrets.api.SecretProvider with
            dev.mcpsecrets.api.internal.EnvironmentProvider,
            dev.mcpsecrets.api.internal.FileProvider;
}
