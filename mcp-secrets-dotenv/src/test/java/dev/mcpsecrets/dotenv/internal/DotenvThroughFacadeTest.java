package dev.mcpsecrets.dotenv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider as users meet it: discovered by the facade, profile taken from MCP_SECRETS_PROFILE. */
class DotenvThroughFacadeTest {
    @TempDir
    Path tmp;

    private Secrets secrets(Path project, String profile) {
        return Secrets.builder().environment(Map.of("MCP_SECRETS_PROFILE", profile, "HOME", tmp.resolve("home").toString(),
                SearchPath.DIR_VARIABLE, project.toString())).build();
    }

    @Test
    void worldReadableEnvFileIsRefusedUnderProductionProfileNamingFileAndFix() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path env = project.resolve(".env");
        Files.writeString(env, "BRAVE_API_KEY=BSAxxxxxxxxxxxxxxxx\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        try (Secrets production = secrets(project, "prod")) {
            assertThatThrownBy(() -> production.resolve("dotenv:BRAVE_API_KEY"))
                    .isInstanceOfSatisfying(SecretException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.DENIED);
                        assertThat(e.getMessage()).contains(env.toString()).contains("chmod 600 " + env)
                                .doesNotContain("BSAxxx");
                    });
        }
        try (Secrets development = secrets(project, "development")) {
            assertThat(development.resolve("dotenv:BRAVE_API_KEY").revealAsString()).isEqualTo("BSAxxxxxxxxxxxxxxxx");
        }
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        try (Secrets production = secrets(project, "production")) {
            assertThat(production.resolve("dotenv:BRAVE_API_KEY").origin()).contains("file " + env + " line 1");
        }
    }

    @Test
    void productionProfileReadsTheProductionFileFirst() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        for (String name : new String[] {".env", ".env.production"}) {
            Path file = project.resolve(name);
            Files.writeString(file, "TOKEN=" + name + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        try (Secrets production = secrets(project, "prod")) {
            assertThat(production.resolve("dotenv:TOKEN").revealAsString()).isEqualTo(".env.production");
        }
        try (Secrets development = secrets(project, "dev")) {
            assertThat(development.resolve("dotenv:TOKEN").revealAsString()).isEqualTo(".env");
        }
    }
}
