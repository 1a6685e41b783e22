import dev.mcpsecrets.policy.PolicyCheck;

/** The built-in offline policy checks, found with {@link java.util.ServiceLoader}. */
@SuppressWarnings("module") // the module named below is built after this one
module dev.mcpsecrets.policy.checks {
    requires dev.mcpsecrets.policy.spi;
    requires org.slf4j;

    // shared with the checks that read .env files, and nobody else
    exports dev.mcpsecrets.policy.checks.internal to dev.mcpsecrets.policy.checks.dotenv;
    exports dev.mcpsecrets.policy.checks.internal.scan to dev.mcpsecrets.policy.checks.dotenv;
    // the log scanner behind redact and doctor --logs
    exports dev.mcpsecrets.policy.checks.internal.logs to dev.mcpsecrets.cli;

    provides PolicyCheck with
            dev.mcpsecrets.policy.checks.internal.ConfigSyntaxCheck,
            dev.mcpsecrets.policy.checks.internal.PlaintextSecretCheck,
            dev.mcpsecrets.policy.checks.internal.UnresolvedReferenceCheck,
            dev.mcpsecrets.policy.checks.internal.CommandLineSecretCheck,
            dev.mcpsecrets.policy.checks.internal.FilesystemScopeCheck,
            dev.mcpsecrets.policy.checks.internal.FilePermissionCheck,
            dev.mcpsecrets.policy.checks.internal.ShellRcCheck,
            dev.mcpsecrets.policy.checks.internal.GitIgnoreCheck,
            dev.mcpsecrets.policy.checks.internal.GitHistoryCheck,
            dev.mcpsecrets.policy.checks.internal.DatabaseUserCheck,
            dev.mcpsecrets.policy.checks.internal.ProductionDatabaseCheck,
            dev.mcpsecrets.policy.checks.internal.RotationCheck,
            dev.mcpsecrets.policy.checks.internal.ClientLogCheck,
            dev.mcpsecrets.policy.checks.internal.NetworkCheck,
            dev.mcpsecrets.policy.checks.internal.ProductionStoreCheck,
            dev.mcpsecrets.policy.checks.internal.ServerPowerCheck;
}
