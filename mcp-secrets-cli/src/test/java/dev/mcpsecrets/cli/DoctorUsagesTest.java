package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorUsagesTest {
    private static final String TOKEN = "ghp_" + "Leak0123456789abcdefABCDEF0123456789";

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    private Path config() throws Exception {
        return Files.writeString(tmp.resolve("claude.json"), """
                {"mcpServers": {
                  "gh": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                         "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "%s"}},
                  "gh2": {"command": "mcp-secrets", "args": ["run", "--env", "GITHUB_TOKEN=op://Private/GitHub/token", "--", "srv"]},
                  "gh3": {"command": "srv", "env": {"GITHUB_TOKEN": "op://Private/GitHub/token"}}
                }}
                """.formatted(TOKEN));
    }

    @Test
    void doctorNamesProfileProvidersAndLooseSecretFiles() throws Exception {
        Path secrets = Files.createDirectories(tmp.resolve("home/.claude/secrets"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
        Path env = Files.writeString(secrets.resolve(".env"), "K=v\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> e = env();
        e.put("MCP_SECRETS_PROFILE", "staging");
        CliRun run = CliRun.of(e, "doctor");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("profile: staging").contains("from MCP_SECRETS_PROFILE").contains("mcp-env")
                .contains("~/.claude/secrets/.env  readable by others: chmod 600 ~/.claude/secrets/.env")
                .contains("~/.claude.json").contains("1 thing to fix");
    }

    @Test
    void usagesGroupsReferencesAndPlaintextByFingerprintWithoutValues() throws Exception {
        Path config = config();
        CliRun run = CliRun.of(env(), "usages", config.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("op://Private/GitHub/token\n").contains("server gh2  run --env GITHUB_TOKEN")
                .contains("server gh3  env GITHUB_TOKEN").containsPattern("plaintext hmac:[0-9a-f]{8} \\(40 characters\\)")
                .doesNotContain(TOKEN).doesNotContain("command line word");
        CliRun one = CliRun.of(env(), "usages", "--ref", "op://Private/GitHub/token", config.toString());
        assertThat(one.out()).doesNotContain("plaintext").contains("gh2").contains("gh3");
        assertThat(CliRun.of(env(), "usages", "--ref", "op://Private/Other/x", config.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void leakedValueFromStdinIsFoundWithoutBeingEchoed() throws Exception {
        Path config = config();
        var original = System.in;
        try {
            System.setIn(new ByteArrayInputStream((TOKEN + "\n").getBytes(StandardCharsets.UTF_8)));
            CliRun run = CliRun.of(env(), "usages", "--value-stdin", config.toString());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("server gh  env GITHUB_PERSONAL_ACCESS_TOKEN").contains("1 place holds")
                    .doesNotContain(TOKEN);
            System.setIn(new ByteArrayInputStream("not-there-anywhere\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(CliRun.of(env(), "usages", "--value-stdin", config.toString()).exitCode()).isEqualTo(1);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void doctorSaysWhetherAProjectConfigIsTrusted() throws Exception {
        Map<String, String> e = TestEnvironment.of(tmp);
        Path config = tmp.resolve(".mcp.json");
        Files.writeString(config, "{\"mcpServers\": {}}\n");
        TrustStore store = new TrustStore(UserConfigDir.from(e));
        assertThat(DoctorCommand.trustState(store, config)).contains("not trusted", "mcp-secrets trust " + config);
        assertThat(CliRun.of(e, "trust", config.toString()).exitCode()).isZero();
        assertThat(DoctorCommand.trustState(store, config)).isEqualTo("  (trusted)");
        Files.writeString(config, "{\"mcpServers\": {\"x\": {\"command\": \"true\"}}}\n");
        assertThat(DoctorCommand.trustState(store, config)).contains("changed since you trusted it");
    }
}
