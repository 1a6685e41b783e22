/**
 * {@code mcp-secrets bridge}: a stdio MCP server that forwards every JSON-RPC message, byte for byte,
 * to a remote MCP server over Streamable HTTP (or the older HTTP+SSE transport), adding HTTP headers
 * whose values are built from secret references. Only {@link dev.mcpsecrets.bridge.McpBridge} and its
 * outcome are public; the transport lives in an internal package.
 */
module dev.mcpsecrets.bridge {
    requires transitive dev.mcpsecrets.api;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires org.slf4j;

    exports dev.mcpsecrets.bridge;
}
