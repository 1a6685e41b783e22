/**
 * The {@code keychain:} provider on the OS keychain (java-keyring): macOS Keychain, Windows Credential
 * Manager and the freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC) on Linux. Exports only
 * {@link dev.mcpsecrets.keychain.KeychainStore}, for tools that write items.
 */
module dev.mcpsecrets.keychain {
    requires transitive dev.mcpsecrets.api;
    requires java.keyring;
    requires org.freedesktop.dbus;
    requires org.slf4j;

    exports dev.mcpsecrets.keychain;

    provides dev.mcpsecrets.api.SecretProvider with dev.mcpsecrets.keychain.internal.KeychainSecretProvider;
}
