/**
 * What a policy check compiles against: the {@link dev.mcpsecrets.policy.PolicyCheck} SPI and its
 * context, findings and severities ({@code dev.mcpsecrets.policy}), locations and the file-system view
 * ({@code dev.mcpsecrets.policy.source}), and the MCP client config model ({@code dev.mcpsecrets.policy.config}).
 * Depends on the API module only.
 */
@SuppressWarnings("module") // the modules named below are built after this one
module dev.mcpsecrets.policy.spi {
    requires transitive dev.mcpsecrets.api;
    requires org.slf4j;

    exports dev.mcpsecrets.policy;
    exports dev.mcpsecrets.policy.config;
    exports dev.mcpsecrets.policy.source;
    exports dev.mcpsecrets.policy.internal to
            dev.mcpsecrets.policy.engine, dev.mcpsecrets.policy.checks, dev.mcpsecrets.policy.checks.dotenv,
            dev.mcpsecrets.policy.live;
}
