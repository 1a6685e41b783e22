/**
 * Logback integration of the mcp-secrets masker: {@link dev.mcpsecrets.logback.MaskingPatternLayoutEncoder}
 * and the {@code %mask(...)} converter replace resolved secret values in log output.
 */
module dev.mcpsecrets.logback {
    requires transitive dev.mcpsecrets.api;
    requires transitive ch.qos.logback.classic;
    requires transitive ch.qos.logback.core;

    exports dev.mcpsecrets.logback;
}
