/** The {@code mcp-secrets} command. */
module dev.mcpsecrets.cli {
    requires dev.mcpsecrets.api;
    requires dev.mcpsecrets.dotenv;
    requires dev.mcpsecrets.keychain;
    requires dev.mcpsecrets.onepassword;
    requires dev.mcpsecrets.pass;
    requires dev.mcpsecrets.policy.engine;
    requires dev.mcpsecrets.policy.checks;
    requires dev.mcpsecrets.policy.live;
    requires dev.mcpsecrets.bridge;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    opens dev.mcpsecrets.cli to info.picocli;

    uses dev.mcpsecrets.api.SecretProvider;
}
