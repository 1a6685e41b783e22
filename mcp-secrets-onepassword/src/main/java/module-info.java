/** The {@code op://} provider: 1Password CLI and Connect. */
module dev.mcpsecrets.onepassword {
    requires transitive dev.mcpsecrets.api;
    requires com.fasterxml.jackson.databind;
}
