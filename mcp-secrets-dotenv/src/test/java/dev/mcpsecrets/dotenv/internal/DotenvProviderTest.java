package dev.mcpsecrets.dotenv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.tck.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvProviderTest {
    @TempDir
    Path tmp;
    private Path home;
    private Path project;
    private final DotenvProvider provider = new DotenvProvider();

    @BeforeEach
    void layout() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        project = Files.createDirectories(tmp.resolve("project"));
    }

    private static Path file(Path dir, String name, String content, String mode) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private Path secretsDir() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/mcp-secrets"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private ResolveContext ctx(Profile profile, String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put(SearchPath.DIR_VARIABLE, project.toString());
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return ResolveContext.of(profile, Duration.ofSeconds(10), env);
    }

    private String resolve(String ref, ResolveContext ctx) throws Exception {
        Secret secret = provider.resolve(SecretRef.parse(ref), ctx);
        return secret.revealAsString();
    }

    @Test
    void profileFileComesBeforeDotEnvAndExplicitDirectoryBeforeHome() throws Exception {
        file(secretsDir(), ".env", "A=home\nB=home\nC=home\n", "rw-------");
        file(project, ".env", "A=project\nB=project\n", "rw-------");
        file(project, ".env.staging", "A=project-staging\n", "rw-------");
        assertThat(resolve("dotenv:A", ctx(Profile.STAGING))).isEqualTo("project-staging");
        assertThat(resolve("dotenv:A", ctx(Profile.DEVELOPMENT))).isEqualTo("project");
        assertThat(resolve("dotenv:B", ctx(Profile.STAGING))).isEqualTo("project");
        assertThat(resolve("dotenv:C", ctx(Profile.STAGING))).isEqualTo("home");
    }

    @Test
    void claudeSecretsDirectoryIsSearchedLast() throws Exception {
        Path claude = Files.createDirectories(home.resolve(".claude/secrets"));
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwx------"));
        file(claude, ".env.production", "TOKEN=from-claude\n", "r--------");
        assertThat(resolve("dotenv:TOKEN", ctx(Profile.PRODUCTION))).isEqualTo("from-claude");
    }

    @Test
    void originNamesTheFileAndLineAndTheLogSaysWhichFileServed() throws Exception {
        Path env = file(project, ".env", "# x\nTOKEN=served-value-123\n", "rw-------");
        CapturedLogs.clear();
        Secret secret = provider.resolve(SecretRef.parse("dotenv:TOKEN"), ctx(Profile.DEVELOPMENT));
        assertThat(secret.origin()).contains("file " + env + " line 2");
        assertThat(CapturedLogs.lines()).anySatisfy(l -> assertThat(l).contains("dotenv:TOKEN served from file " + env))
                .noneSatisfy(l -> assertThat(l).contains("served-value-123"));
    }

    @Test
    void worldReadableFileIsRefusedInProductionWithTheFix() throws Exception {
        Path env = file(project, ".env", "TOKEN=abcdefgh-secret\n", "rw-r--r--");
        assertThatThrownBy(() -> resolve("dotenv:TOKEN", ctx(Profile.PRODUCTION)))
                .isInstanceOfSatisfying(SecretException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.DENIED);
                    assertThat(e.getMessage()).contains(env + " has mode 644").contains("Fix: chmod 600 " + env)
                            .doesNotContain("abcdefgh");
                });
    }

    @Test
    void worldReadableFileIsAWarningOutsideProduction() throws Exception {
        Path env = file(project, ".env", "TOKEN=abcdefgh-secret\n", "rw-r--r--");
        CapturedLogs.clear();
        assertThat(resolve("dotenv:TOKEN", ctx(Profile.DEVELOPMENT))).isEqualTo("abcdefgh-secret");
        resolve("dotenv:TOKEN", ctx(Profile.DEVELOPMENT));
        assertThat(CapturedLogs.lines()).filteredOn(l -> l.startsWith("WARN"))
                .singleElement().asString().contains(env + " has mode 644").contains("chmod 600");
    }

    @Test
    void openSecretsDirectoryIsRefusedInProduction() throws Exception {
        Path dir = secretsDir();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        file(dir, ".env", "TOKEN=x\n", "rw-------");
        assertThatThrownBy(() -> resolve("dotenv:TOKEN", ctx(Profile.PRODUCTION)))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.getMessage())
                        .contains("directory " + dir + " has mode 755").contains("chmod 700 " + dir));
    }

    @Test
    void explicitFileInsideAnOpenSecretsDirectoryIsRefusedInProduction() throws Exception {
        Path dir = secretsDir();
        Path env = file(dir, "app.env", "TOKEN=x\n", "rw-------");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        assertThatThrownBy(() -> resolve("dotenv:~/.config/mcp-secrets/app.env#TOKEN", ctx(Profile.PRODUCTION)))
                .hasMessageContaining("directory " + dir + " has mode 750");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertThat(resolve("dotenv:" + env + "#TOKEN", ctx(Profile.PRODUCTION))).isEqualTo("x");
    }

    @Test
    void symlinkIsResolvedAndItsTargetChecked() throws Exception {
        Path target = file(tmp.resolve("elsewhere"), "real.env", "TOKEN=x\n", "rw-rw-rw-");
        Files.createSymbolicLink(project.resolve(".env"), target);
        assertThatThrownBy(() -> resolve("dotenv:TOKEN", ctx(Profile.PRODUCTION)))
                .hasMessageContaining(project.resolve(".env") + " (symlink to " + target + ") has mode 666")
                .hasMessageContaining("chmod 600 " + target);
    }

    @Test
    void explicitFileAndHomeRelativeFile() throws Exception {
        Path env = file(tmp.resolve("cfg"), "app.env", "KEY=explicit\n", "rw-------");
        file(home, "my.env", "KEY=home-relative\n", "rw-------");
        assertThat(resolve("dotenv:" + env + "#KEY", ctx(Profile.PRODUCTION))).isEqualTo("explicit");
        assertThat(resolve("dotenv:~/my.env#KEY", ctx(Profile.PRODUCTION))).isEqualTo("home-relative");
        assertThatThrownBy(() -> resolve("dotenv:" + tmp.resolve("absent.env") + "#KEY", ctx(Profile.PRODUCTION)))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void missingKeyListsTheFilesSearchedAndTheFirstParseProblem() throws Exception {
        Path env = file(project, ".env", "A=1\nBROKEN=\"never closed\n", "rw-------");
        assertThatThrownBy(() -> resolve("dotenv:BROKEN", ctx(Profile.DEVELOPMENT)))
                .isInstanceOfSatisfying(SecretException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                    assertThat(e.getMessage()).contains("BROKEN is not defined in [" + env + "]")
                            .contains(env + ":2:8: unterminated double quote").doesNotContain("never closed");
                });
    }

    @Test
    void malformedKeyIsMalformed() {
        assertThatThrownBy(() -> resolve("dotenv:not a key", ctx(Profile.DEVELOPMENT)))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void changedFileIsReadAgain() throws Exception {
        Path env = file(project, ".env", "A=one\n", "rw-------");
        assertThat(resolve("dotenv:A", ctx(Profile.DEVELOPMENT))).isEqualTo("one");
        Files.writeString(env, "A=two\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(env, FileTime.fromMillis(Files.getLastModifiedTime(env).toMillis() + 5000));
        assertThat(resolve("dotenv:A", ctx(Profile.DEVELOPMENT))).isEqualTo("two");
    }

    @Test
    void expansionFallsBackOnTheContextEnvironment() throws Exception {
        file(project, ".env", "URL=https://${HOST_NAME}/x\n", "rw-------");
        assertThat(resolve("dotenv:URL", ctx(Profile.DEVELOPMENT, "HOST_NAME", "example.org")))
                .isEqualTo("https://example.org/x");
        assertThat(resolve("dotenv:URL", ctx(Profile.DEVELOPMENT, "HOST_NAME", "other.org")))
                .isEqualTo("https://other.org/x");
    }
}
