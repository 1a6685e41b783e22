package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symlink in somebody else's directory pointing at a trusted config must not run the trusted entries
 * there: relative {@code cwd} and commands resolve in the trusted file's real directory, and the link
 * itself must be trusted.
 */
class TrustBypassTest {
    /** A server entry with cwd "." running ./server.sh, and one with a relative command and no cwd. */
    private static final String CONFIG = """
            {"mcpServers": {
              "dot": {"command": "sh", "args": ["./server.sh"], "cwd": ".", "env": {"TOKEN": "env:SRC_TOKEN"}},
              "relative": {"command": "./server.sh", "env": {"TOKEN": "env:SRC_TOKEN"}}
            }}
            """;

    @TempDir
    Path tmp;
    private Path project;
    private Path attacker;
    private Path trusted;
    private Path link;

    @BeforeEach
    void layout() throws Exception {
        project = Files.createDirectories(tmp.resolve("project"));
        attacker = Files.createDirectories(tmp.resolve("clone"));
        trusted = Files.writeString(project.resolve(".mcp.json"), CONFIG);
        script(project, "exit 7");
        // the attacker's script would hand the secret elsewhere; exit 66 shows that it ran
        script(attacker, "exit 66");
        link = Files.createSymbolicLink(attacker.resolve(".mcp.json"), trusted);
    }

    private static void script(Path dir, String body) throws Exception {
        Path s = Files.writeString(dir.resolve("server.sh"), "#!/bin/sh\n[ -n \"$TOKEN\" ] || exit 3\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
    }

    private Map<String, String> env() {
        return TestEnvironment.of(tmp, "SRC_TOKEN", "tok-123");
    }

    @Test
    void linkToATrustedConfigIsRefusedUntilTheLinkItselfIsTrusted() {
        assertThat(CliRun.of(env(), "trust", trusted.toString()).exitCode()).isZero();
        CliRun run = CliRun.of(env(), "run", "--config", link.toString(), "--server", "dot");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("is a symlink to " + trusted).contains("this link is not")
                .contains("mcp-secrets trust " + link).contains(project.toString());
    }

    @Test
    void trustedLinkRunsCwdDotInTheTrustedFilesRealDirectoryNotTheLinks() {
        CliRun trust = CliRun.of(env(), "trust", link.toString());
        assertThat(trust.exitCode()).as(trust.err()).isZero();
        assertThat(trust.out()).contains("a link to " + trusted).contains("servers: dot, relative");
        CliRun run = CliRun.of(env(), "run", "--config", link.toString(), "--server", "dot");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(7);
    }

    @Test
    void relativeCommandResolvesInTheTrustedFilesRealDirectory() {
        CliRun.of(env(), "trust", link.toString());
        CliRun viaLink = CliRun.of(env(), "run", "--config", link.toString(), "--server", "relative");
        assertThat(viaLink.exitCode()).as(viaLink.err()).isEqualTo(7);
        CliRun direct = CliRun.of(env(), "run", "--config", trusted.toString(), "--server", "relative");
        assertThat(direct.exitCode()).as(direct.err()).isEqualTo(7);
    }

    @Test
    void aLaunchDirectoryOthersCanWriteIsRefusedInProductionAndWarnedAboutElsewhere() throws Exception {
        assertThat(CliRun.of(env(), "trust", trusted.toString()).exitCode()).isZero();
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxrwxrwx"));
        CliRun production = CliRun.of(env(), "run", "--profile", "production", "--config", trusted.toString(),
                "--server", "relative");
        assertThat(production.exitCode()).as(production.err()).isEqualTo(125);
        assertThat(production.err()).contains("launch directory").contains("chmod go-w");
        CliRun development = CliRun.of(env(), "run", "--config", trusted.toString(), "--server", "relative");
        assertThat(development.exitCode()).as(development.err()).isEqualTo(7);
        // the sticky bit has no PosixFilePermission: set it as the user would
        assertThat(new ProcessBuilder("chmod", "1777", project.toString()).start().waitFor()).isZero();
        CliRun sticky = CliRun.of(env(), "run", "--profile", "production", "--config", trusted.toString(),
                "--server", "relative");
        assertThat(sticky.exitCode()).as(sticky.err()).isEqualTo(7);
    }

    @Test
    void trustListShowsTheRealPathWithTheLinksTrustedToIt() {
        CliRun.of(env(), "trust", trusted.toString());
        CliRun.of(env(), "trust", link.toString());
        CliRun list = CliRun.of(env(), "trust", "--list");
        assertThat(list.out()).contains(trusted.toString()).contains("via link " + link);
        assertThat(CliRun.of(env(), "trust", "--revoke", link.toString()).out()).contains("revoked");
        assertThat(CliRun.of(env(), "run", "--config", trusted.toString(), "--server", "dot").exitCode())
                .isEqualTo(125);
    }

    @Test
    void linkSwappedWhileTrustingNeverPairsOneFilesHashWithTheOthersPath() throws Exception {
        Path a = Files.writeString(project.resolve("a.json"), "{\"mcpServers\": {\"a\": {\"command\": \"true\"}}}");
        Path b = Files.writeString(project.resolve("b.json"), "{\"mcpServers\": {\"b\": {\"command\": \"false\"}}}");
        Path flip = attacker.resolve("flip.json");
        Files.createSymbolicLink(flip, a);
        AtomicBoolean done = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            Path tmpLink = attacker.resolve("flip.tmp");
            boolean toB = true;
            while (!done.get()) {
                try {
                    Files.deleteIfExists(tmpLink);
                    Files.createSymbolicLink(tmpLink, toB ? b : a);
                    Files.move(tmpLink, flip, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    toB = !toB;
                } catch (java.io.IOException raced) {
                    // try again
                }
            }
        });
        swapper.start();
        TrustStore store = new TrustStore(UserConfigDir.from(env()));
        try {
            for (int i = 0; i < 200; i++) {
                store.trust(flip);
            }
        } finally {
            done.set(true);
            swapper.join();
        }
        Map<String, TrustStore.Entry> entries = store.entries();
        assertThat(entries).containsOnlyKeys(a.toRealPath().toString(), b.toRealPath().toString());
        assertThat(entries.get(a.toRealPath().toString()).sha256()).isEqualTo(TrustStore.sha256(Files.readAllBytes(a)));
        assertThat(entries.get(b.toRealPath().toString()).sha256()).isEqualTo(TrustStore.sha256(Files.readAllBytes(b)));
        assertThat(new String(Files.readAllBytes(store.location()), StandardCharsets.UTF_8)).contains(flip.toString());
    }
}
