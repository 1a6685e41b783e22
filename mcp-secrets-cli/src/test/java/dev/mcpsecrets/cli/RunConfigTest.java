package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --config FILE --server NAME} and the trust it requires. */
class RunConfigTest {
    private static final String CONFIG = """
            {
              "mcpServers": {
                "demo": {
                  "command": "sh",
                  "args": ["-c", "[ \\"$TOKEN\\" = tok-123 ] && [ \\"$MODE\\" = fast ] && exit 5"],
                  "env": { "TOKEN": "env:SRC_TOKEN", "MODE": "fast" }
                },
                "wrapped": {
                  "command": "mcp-secrets",
                  "args": ["run", "--config", ".mcp.json", "--server", "wrapped", "--", "sh", "-c", "exit 6"],
                  "env": { "TOKEN": "env:SRC_TOKEN" }
                }
              }
            }
            """;

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp, "SRC_TOKEN", "tok-123");
    }

    @Test
    void untrustedConfigIsRefusedWithTheTrustCommandNamed() throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), CONFIG);
        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("is not trusted").contains("mcp-secrets trust " + config);
    }

    @Test
    void trustedConfigStartsTheServerWithReferencesResolvedAndLiteralsKept() throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), CONFIG);
        CliRun trust = CliRun.of(env(), "trust", config.toString());
        assertThat(trust.exitCode()).as(trust.err()).isZero();
        assertThat(trust.out()).contains("trusted").contains(TrustStore.sha256(Files.readAllBytes(config)));

        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
    }

    @Test
    void selfLaunchingEntryRunsWhatFollowsTheDoubleDash() throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), CONFIG);
        CliRun.of(env(), "trust", config.toString());
        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "wrapped", "--", "sh", "-c", "exit 6");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        CliRun other = CliRun.of(env(), "run", "--config", config.toString(), "--server", "wrapped", "--", "sh", "-c", "exit 0");
        assertThat(other.exitCode()).isEqualTo(125);
        assertThat(other.err()).contains("differs");
    }

    @Test
    void entryWorkingDirectoryIsHonoured() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("srv"));
        Path config = Files.writeString(tmp.resolve("cwd.json"), """
                {"mcpServers": {"here": {"command": "sh", "args": ["-c", "[ \\"$(pwd)\\" = \\"$EXPECTED\\" ] && exit 9"],
                  "cwd": "srv", "env": {"EXPECTED": "%s"}}}}
                """.formatted(tmp.resolve("srv").toRealPath()));
        CliRun.of(env(), "trust", config.toString());
        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "here");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(9);
    }

    @Test
    void changedConfigNeedsTrustingAgain() throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), CONFIG);
        CliRun.of(env(), "trust", config.toString());
        Files.writeString(config, CONFIG.replace("exit 5", "exit 4"));
        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("changed since you trusted it").contains("mcp-secrets trust " + config);
    }

    @Test
    void trustFileIsPrivate() throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), CONFIG);
        CliRun.of(env(), "trust", config.toString());
        Path dir = tmp.resolve("home/.config/mcp-secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("trusted.json"))))
                .isEqualTo("rw-------");
        CliRun list = CliRun.of(env(), "trust", "--list");
        assertThat(list.out()).contains(config.toRealPath().toString());
        CliRun revoke = CliRun.of(env(), "trust", "--revoke", config.toString());
        assertThat(revoke.out()).contains("revoked");
        assertThat(CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo").exitCode()).isEqualTo(125);
    }

    @Test
    void unknownServerAndBrokenJsonAreNamed() throws Exception {
        Path config = Files.writeString(tmp.resolve(".mcp.json"), CONFIG);
        CliRun.of(env(), "trust", config.toString());
        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "nope");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("no server named 'nope'").contains("demo, wrapped");

        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\n  \"mcpServers\": {,\n}");
        CliRun.of(env(), "trust", broken.toString());
        CliRun bad = CliRun.of(env(), "run", "--config", broken.toString(), "--server", "x");
        assertThat(bad.exitCode()).isEqualTo(125);
        assertThat(bad.err()).contains(broken + ":2:");
    }
}
