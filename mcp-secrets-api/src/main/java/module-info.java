/**
 * mcp-secrets API: {@link dev.mcpsecrets.api.Secret}, {@link dev.mcpsecrets.api.SecretRef}, the
 * {@link dev.mcpsecrets.api.SecretProvider} SPI and the {@link dev.mcpsecrets.api.Secrets} facade,
 * with the built-in {@code env:} and {@code file:} providers.
 */
@SuppressWarnings("module") // the modules named below are built after this one
module dev.mcpsecrets.api {
    requires transitive org.slf4j;

    exports dev.mcpsecrets.api;
    // The secret-file rules and file limits, shared with this project's own modules and with nobody else.
    exports dev.mcpsecrets.api.internal.files to dev.mcpsecrets.dotenv, dev.mcpsecrets.policy.spi, dev.mcpsecrets.policy.engine, dev.mcpsecrets.policy.checks, dev.mcpsecrets.policy.live, dev.mcpsecrets.cli,
            dev.mcpsecrets.vault;
    // The clock that caches and breakers read, so their tests can move time instead of sleeping.
    exports dev.mcpsecrets.api.internal.time to dev.mcpsecrets.onepassword, dev.mcpsecrets.vault;
    // Waits before retrying an HTTP backend within the deadline, shared by the op:// Connect and vault: providers.
    exports dev.mcpsecrets.api.internal.retry to dev.mcpsecrets.onepassword, dev.mcpsecrets.vault;
    // Bounded, deadline-killed runs of the programs behind the op:// and pass: providers.
    exports dev.mcpsecrets.api.internal.process to dev.mcpsecrets.onepassword, dev.mcpsecrets.pass;
    // The masking engine behind SecretMasker, for run --redact (which masks after the secrets are destroyed).
    exports dev.mcpsecrets.api.internal.mask to dev.mcpsecrets.cli;
    // The loopback rule for plain http:// to an HTTP backend, shared by the op:// Connect, vault: and aws-sm: providers.
    exports dev.mcpsecrets.api.internal.provider to dev.mcpsecrets.onepassword, dev.mcpsecrets.vault, dev.mcpsecrets.aws;
    // Escaping of untrusted text for terminals, shared by every module that prints or reports.
    exports dev.mcpsecrets.api.internal.text to dev.mcpsecrets.policy.spi, dev.mcpsecrets.policy.engine, dev.mcpsecrets.policy.checks, dev.mcpsecrets.policy.live, dev.mcpsecrets.cli;

    uses dev.mcpsecrets.api.SecretProvider;

    provides dev.mcpsecrets.api.SecretProvider with
            dev.mcpsecrets.api.internal.EnvironmentProvider,
            dev.mcpsecrets.api.internal.FileProvider;
}
