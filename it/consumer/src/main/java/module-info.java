/** A program that uses mcp-secrets as the README says, on the module path. */
module dev.mcpsecrets.it.consumer {
    requires dev.mcpsecrets.api;
    requires dev.mcpsecrets.policy.engine;
    requires io.modelcontextprotocol.sdk.mcp.core;
    requires io.modelcontextprotocol.sdk.mcp.json.jackson3;
    requires tools.jackson.databind;
    requires org.slf4j;
}
