import dev.mcpsecrets.policy.PolicyCheck;

/**
 * Least-privilege policy checks for MCP setups: the {@link dev.mcpsecrets.policy.PolicyCheck} SPI,
 * the engine, reports (text, JSON, SARIF 2.1.0), the startup guard, and the MCP client config model
 * in {@code dev.mcpsecrets.policy.config}.
 */
module dev.mcpsecrets.policy {
    requires transitive dev.mcpsecrets.api;
    requires dev.mcpsecrets.dotenv;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires java.sql;
    // JDBC drivers for the live database probe: optional, found as java.sql.Driver services
    requires static org.postgresql.jdbc;
    requires static org.mariadb.jdbc;

    exports dev.mcpsecrets.policy;
    exports dev.mcpsecrets.policy.config;
    exports dev.mcpsecrets.policy.live;

    uses PolicyCheck;
    uses java.sql.Driver;

    provides PolicyCheck with
            dev.mcpsecrets.policy.internal.checks.ConfigSyntaxCheck,
            dev.mcpsecrets.policy.internal.checks.PlaintextSecretCheck,
            dev.mcpsecrets.policy.internal.checks.UnresolvedReferenceCheck,
            dev.mcpsecrets.policy.internal.checks.CommandLineSecretCheck,
            dev.mcpsecrets.policy.internal.checks.FilesystemScopeCheck,
            dev.mcpsecrets.policy.internal.checks.FilePermissionCheck,
            dev.mcpsecrets.policy.internal.checks.ShellRcCheck,
            dev.mcpsecrets.policy.internal.checks.GitIgnoreCheck,
            dev.mcpsecrets.policy.internal.checks.GitHistoryCheck,
            dev.mcpsecrets.policy.internal.checks.EnvironmentSeparationCheck,
            dev.mcpsecrets.policy.internal.checks.DatabaseUserCheck,
            dev.mcpsecrets.policy.internal.checks.ProductionDatabaseCheck,
            dev.mcpsecrets.policy.internal.checks.RotationCheck,
            dev.mcpsecrets.policy.internal.checks.NetworkCheck,
            dev.mcpsecrets.policy.live.internal.GitHubTokenScopeCheck,
            dev.mcpsecrets.policy.live.internal.DatabasePrivilegeCheck;
}
