package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import dev.mcpsecrets.tck.policy.PolicyCheckContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The policy TCK contract for {@link DatabasePrivilegeCheck}, with live probes on: a password inside
 * a connection string, a refused property, a closed loopback port, a host not allowed.
 */
class DatabasePrivilegeCheckContractIT extends PolicyCheckContract {
    private static final String PASSWORD = "Contract-Db-Pw-5e1d0c";

    @Override
    protected PolicyCheck createCheck() {
        return new DatabasePrivilegeCheck();
    }

    @Override
    protected List<PolicyContext> contexts(Path dir) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path home = dir.resolve("a");
        write(home.resolve("home/.config/Claude/claude_desktop_config.json"), "{\"mcpServers\": {"
                + "\"pg\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-postgres\", "
                + "\"postgresql://app:" + PASSWORD + "@127.0.0.1:" + closed + "/db?socketFactory=x.Y\"]},"
                + "\"mysql\": {\"command\": \"npx\", \"args\": [\"-y\", \"@benborla29/mcp-server-mysql\"], \"env\": {"
                + "\"MYSQL_HOST\": \"db.example.com\", \"MYSQL_USER\": \"root\", \"MYSQL_PASSWORD\": \"" + PASSWORD
                + "\"}}}}");
        PolicyContext ctx = contextIn(home).toBuilder().liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withTimeout(Duration.ofSeconds(2))).build();
        return List.of(ctx, contextIn(home));
    }

    @Override
    protected List<String> plantedSecrets() {
        return List.of(PASSWORD);
    }
}
