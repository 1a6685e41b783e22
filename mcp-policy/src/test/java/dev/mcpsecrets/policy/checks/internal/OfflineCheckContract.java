package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.tck.policy.PolicyCheckContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The policy TCK contract for the offline checks, on one home that breaks every rule (configs with
 * plaintext secrets and broad roots, loose files, rc exports, shared production credentials, a git
 * repository with a committed secret) and on an empty one.
 */
abstract class OfflineCheckContract extends PolicyCheckContract {
    private static final String DB_PASSWORD = "Zq8FAKEv2fakeR7TEST";

    @Override
    protected List<PolicyContext> contexts(Path dir) throws IOException {
        Path bad = dir.resolve("bad");
        Path home = bad.resolve("home");
        Path project = home.resolve("project");
        String server = "{\"mcpServers\": {\"github\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"],"
                + " \"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + Harness.GITHUB + "\", \"NODE_TLS_REJECT_UNAUTHORIZED\": \"0\"}},"
                + " \"fs\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-filesystem\", \"/\", \"~/.ssh\"]},"
                + " \"mysql\": {\"command\": \"sh\", \"args\": [\"-c\", \"MYSQL_USER=root MYSQL_PASSWORD=" + DB_PASSWORD
                + " TOKEN=$(security find-generic-password -s t -w) GH=$UNSET_VAR node s.js\"]},"
                + " \"prod\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-postgres\","
                + " \"postgresql://app@prod-db.example.com/app\"]},"
                + " \"remote\": {\"url\": \"http://mcp.example.com/mcp\", \"headers\": {\"Authorization\": \"Bearer " + Harness.SLACK
                + "\"}}}}";
        Harness.write(home.resolve(".config/Claude/claude_desktop_config.json"), server, "rw-r--r--");
        Harness.write(project.resolve(".mcp.json"), server, "rw-rw-rw-");
        Harness.write(home.resolve(".zshrc"), "export GITHUB_TOKEN=\"" + Harness.GITHUB + "\"\nexport $(cat ~/.claude/secrets/.env | xargs)\n",
                "rw-rw-rw-");
        Harness.write(home.resolve(".claude/secrets/.env.development"), "MYSQL_PASSWORD=" + DB_PASSWORD + "\n", "rw-r--r--");
        Harness.write(home.resolve(".claude/secrets/.env.production"), "MYSQL_PASSWORD=" + DB_PASSWORD + "\n", "rw-------");
        Files.setLastModifiedTime(home.resolve(".claude/secrets/.env.development"),
                java.nio.file.attribute.FileTime.fromMillis(0));
        Files.setPosixFilePermissions(home.resolve(".claude/secrets"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Harness.write(project.resolve(".env"), "BRAVE_API_KEY=" + Harness.BRAVE + "\n", "rw-------");
        Harness.write(home.resolve(".config/Claude/logs/mcp-server-github.log"), "2025-07-20T00:10:07.804Z [github] "
                + "[error] Bad credentials " + Harness.GITHUB + "\n", "rw-------");
        git(project, "init", "-q");
        git(project, "add", ".");
        git(project, "commit", "-q", "-m", "initial");
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty.resolve("home/project"));
        return List.of(contextIn(bad), contextIn(empty));
    }

    private static void git(Path dir, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Test
    void insecureHomeGivesFindingsAndEmptyHomeNone() throws IOException {
        List<PolicyContext> contexts = contexts(workDir);
        assertThat(Harness.run(createCheck(), contexts.get(0))).as("findings on the insecure home").isNotEmpty();
        assertThat(Harness.run(createCheck(), contexts.get(1))).as("findings on the empty home").isEmpty();
    }

    @Override
    protected List<String> plantedSecrets() {
        return List.of(Harness.GITHUB, Harness.SLACK, Harness.BRAVE, DB_PASSWORD);
    }
}
