/**
 * The {@code pass:} provider on the standard Unix password store ({@code pass}: GPG-encrypted files in
 * {@code ~/.password-store}). Exports only {@link dev.mcpsecrets.pass.PassStore}, for tools that write
 * entries; the provider is found with {@link java.util.ServiceLoader}.
 */
module dev.mcpsecrets.pass {
    requires transitive dev.mcpsecrets.api;
    requires org.slf4j;

    exports dev.mcpsecrets.pass;

    provides dev.mcpsecrets.api.SecretProvider with dev.mcpsecrets.pass.internal.PassSecretProvider;
}
