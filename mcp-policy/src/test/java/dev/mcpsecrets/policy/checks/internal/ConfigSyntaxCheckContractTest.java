package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.tck.policy.PolicyCheckContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The policy TCK contract for {@link ConfigSyntaxCheck}: the model for every check's contract test. */
class ConfigSyntaxCheckContractTest extends PolicyCheckContract {
    private static final String SECRET = "ghp_ContractPlanted0123456789abcdefABCD";

    @Override
    protected PolicyCheck createCheck() {
        return new ConfigSyntaxCheck();
    }

    @Override
    protected List<PolicyContext> contexts(Path dir) throws IOException {
        Path broken = dir.resolve("broken");
        write(broken.resolve("home/.config/Claude/claude_desktop_config.json"),
                "{\n  // tokens\n  \"mcpServers\": {\"gh\": {\"env\": {\"T\": \"" + SECRET + "\"},}}\n}");
        write(broken.resolve("home/.claude.json"), "{\"mcpServers\": {\"a\": {\"env\": {\"T\": " + SECRET + "}}}}");
        write(broken.resolve("home/project/.mcp.json"), "{\"mcpServers\": {\"a\": {}, \"a\": {\"x\": \"" + SECRET + "\"}}}");
        Path clean = dir.resolve("clean");
        write(clean.resolve("home/.cursor/mcp.json"), "{\n  // fine in Cursor\n  \"mcpServers\": {\"a\": {\"command\": \"x\",},},\n}");
        return List.of(contextIn(broken), contextIn(clean));
    }

    @Override
    protected List<String> plantedSecrets() {
        return List.of(SECRET);
    }
}
