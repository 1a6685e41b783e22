package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A home, a stand-in launcher and trusted project configs for the tests of {@code migrate --store dotenv}. */
abstract class MigrateProjectBase {
    @TempDir
    Path tmp;

    Map<String, String> env;
    Path launcher;
    String dotenv;

    @BeforeEach
    void setUpHomeAndLauncher() throws IOException {
        env = TestEnvironment.of(tmp);
        Files.createDirectories(tmp.resolve("home"));
        launcher = tmp.resolve("bin/mcp-secrets");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        dotenv = tmp.resolve("home/.config/mcp-secrets/.env").toString();
    }

    /** Writes a project config and trusts it. */
    Path config(String relative, String text) throws IOException {
        Path file = tmp.resolve("project").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        assertThat(CliRun.of(env, "trust", file.toString()).exitCode()).isZero();
        return file;
    }

    CliRun migrate(Path file) {
        return CliRun.of(env, "migrate", "--store", "dotenv", "--yes", "--launcher", launcher.toString(), file.toString());
    }
}
