import dev.mcpsecrets.policy.PolicyCheck;

/** Policy checks that read {@code .env} files with the dotenv parser. */
module dev.mcpsecrets.policy.checks.dotenv {
    requires dev.mcpsecrets.policy.spi;
    requires dev.mcpsecrets.policy.checks;
    requires dev.mcpsecrets.dotenv;

    provides PolicyCheck with
            dev.mcpsecrets.policy.checks.dotenv.internal.EnvironmentSeparationCheck;
}
