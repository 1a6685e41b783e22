/** Least-privilege policy checks for MCP setups. */
module dev.mcpsecrets.policy {
    requires transitive dev.mcpsecrets.api;
    requires dev.mcpsecrets.dotenv;
    requires com.fasterxml.jackson.databind;
}
