package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS verification switched off matters only off the machine. */
class NetworkLoopbackTlsTest {
    private static List<Finding> tlsFindings(String json) {
        return Harness.runOn(new NetworkCheck(), json).stream().filter(f -> f.ruleId().equals("MCP-NET-002")).toList();
    }

    @Test
    void loopbackOnlyServerWithVerificationOffIsNotANetworkFinding() {
        assertThat(tlsFindings("""
                {"mcpServers": {"local": {"command": "npx", "args": ["mcp-remote", "https://localhost:8443/mcp"],
                  "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "0"}}}}""")).isEmpty();
        assertThat(tlsFindings("""
                {"mcpServers": {"gw": {"command": "gw", "args": ["--insecure", "--url", "https://127.0.0.1:9443"]}}}"""))
                .isEmpty();
    }

    @Test
    void remoteOrUnknownTargetsStillAreFindings() {
        assertThat(tlsFindings("""
                {"mcpServers": {"r": {"command": "npx", "args": ["mcp-remote", "https://mcp.example.com/mcp"],
                  "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "0"}}}}""")).hasSize(1);
        assertThat(tlsFindings("""
                {"mcpServers": {"mixed": {"command": "gw", "args": ["--insecure", "https://127.0.0.1:9443",
                  "https://api.example.com"]}}}""")).hasSize(1);
        // no URL at all: where the traffic goes is unknown, so the switch is still reported
        assertThat(tlsFindings("""
                {"mcpServers": {"n": {"command": "node", "args": ["server.js"],
                  "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "0"}}}}""")).hasSize(1);
    }
}
