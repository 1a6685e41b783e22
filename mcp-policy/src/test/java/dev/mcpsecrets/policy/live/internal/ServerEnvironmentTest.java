package dev.mcpsecrets.policy.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void guideKeychainWrapperAssignmentsUpToTheCommand() {
        Map<String, String> a = ServerEnvironment.leadingAssignments("MYSQL_PASSWORD=$(security find-generic-password -a "
                + "$USER -s mysql_root_password -w) MYSQL_HOST=127.0.0.1 MYSQL_PORT=3306 MYSQL_USER=root "
                + "MYSQL_DATABASE=mydb node /path/to/mysql-server.js X=1");
        assertThat(a).containsExactly(
                Map.entry("MYSQL_PASSWORD", "$(security find-generic-password -a $USER -s mysql_root_password -w)"),
                Map.entry("MYSQL_HOST", "127.0.0.1"), Map.entry("MYSQL_PORT", "3306"), Map.entry("MYSQL_USER", "root"),
                Map.entry("MYSQL_DATABASE", "mydb"));
    }

    @Test
    void quotingAndSeparators() {
        assertThat(ServerEnvironment.leadingAssignments("A='x y' B=\"p\\\"q\" C=z; D=no")).containsExactly(
                Map.entry("A", "x y"), Map.entry("B", "p\"q"), Map.entry("C", "z"));
        assertThat(ServerEnvironment.leadingAssignments("npx -y server")).isEmpty();
        assertThat(ServerEnvironment.leadingAssignments("1A=x")).isEmpty();
    }

    @Test
    void shellWrapperAddsToTheEnvironmentWithTheScriptLocation() {
        McpServer s = LiveTestConfigs.claudeDesktop(dir, "    \"github\": {\"command\": \"sh\", \"args\": [\"-c\", "
                + "\"GITHUB_PERSONAL_ACCESS_TOKEN=$GITHUB_TOKEN npx -y @github/github-mcp-server\"], "
                + "\"env\": {\"A\": \"1\"}}").servers().get(0);
        Map<String, JsonValue.StringValue> env = ServerEnvironment.of(s);
        assertThat(env).containsOnlyKeys("A", "GITHUB_PERSONAL_ACCESS_TOKEN");
        assertThat(env.get("GITHUB_PERSONAL_ACCESS_TOKEN").value()).isEqualTo("$GITHUB_TOKEN");
        assertThat(env.get("GITHUB_PERSONAL_ACCESS_TOKEN").location().jsonPointer()).isEqualTo("/mcpServers/github/args/1");
    }
}
