/** The {@code keychain:} provider on the OS keychain (java-keyring). */
module dev.mcpsecrets.keychain {
    requires transitive dev.mcpsecrets.api;
    requires java.keyring;
}
