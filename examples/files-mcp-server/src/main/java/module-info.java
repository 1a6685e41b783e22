/** Example: a stdio MCP server that gets its token through mcp-secrets and checks itself with PolicyGuard. */
module dev.mcpsecrets.examples.files {
    requires dev.mcpsecrets.api;
    requires dev.mcpsecrets.policy.engine;
    requires io.modelcontextprotocol.sdk.mcp.core;
    requires io.modelcontextprotocol.sdk.mcp.json.jackson3;
    requires tools.jackson.databind;
    requires org.slf4j;
}
