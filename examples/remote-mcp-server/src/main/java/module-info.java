/** Example: a remote MCP server (Streamable HTTP or HTTP+SSE) that requires a bearer token read through mcp-secrets. */
module dev.mcpsecrets.examples.remote {
    requires transitive dev.mcpsecrets.api;
    requires io.modelcontextprotocol.sdk.mcp.core;
    requires io.modelcontextprotocol.sdk.mcp.json.jackson3;
    requires tools.jackson.databind;
    requires org.apache.tomcat.embed.core;
    requires org.slf4j;

    exports dev.mcpsecrets.examples.remote;
}
