package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProviderTest {
    @TempDir
    Path dir;

    private final SecretProvider files = BuiltInProviders.files();

    private static ResolveContext ctx(Profile profile, Map<String, String> env) {
        return ResolveContext.of(profile, Duration.ofSeconds(5), env);
    }

    private Path secretFile(String name, String content, String mode) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void trimsExactlyOneTrailingNewline() throws Exception {
        Path f = secretFile("a", "line1\n\n", "rw-------");
        Path crlf = secretFile("b", "value\r\n", "rw-------");
        assertThat(files.resolve(SecretRef.of("file", f.toString()), ctx(Profile.PRODUCTION, Map.of())).revealAsString())
                .isEqualTo("line1\n");
        assertThat(files.resolve(SecretRef.of("file", crlf.toString()), ctx(Profile.PRODUCTION, Map.of())).revealAsString())
                .isEqualTo("value");
    }

    @Test
    void worldReadableFileIsDeniedInProductionWithTheFix() throws Exception {
        Path f = secretFile("loose", "pw", "rw-r--r--");
        SecretRef ref = SecretRef.of("file", f.toString());
        assertThatThrownBy(() -> files.resolve(ref, ctx(Profile.PRODUCTION, Map.of())))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DENIED))
                .hasMessageContaining("644").hasMessageContaining("chmod 600 " + f.toRealPath());
        assertThat(files.resolve(ref, ctx(Profile.DEVELOPMENT, Map.of())).revealAsString()).isEqualTo("pw");
    }

    @Test
    void symlinkIsJudgedByItsTarget() throws Exception {
        Path target = secretFile("target", "pw", "rw-rw-rw-");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThatThrownBy(() -> files.resolve(SecretRef.of("file", link.toString()), ctx(Profile.PRODUCTION, Map.of())))
                .hasMessageContaining("666");
    }

    @Test
    void relativeNamesAreLookedUpInTheCredentialsDirectory() throws Exception {
        secretFile("db_password", "from-systemd\n", "r--------");
        Secret s = files.resolve(SecretRef.of("file", "db_password"),
                ctx(Profile.PRODUCTION, Map.of("CREDENTIALS_DIRECTORY", dir.toString())));
        assertThat(s.revealAsString()).isEqualTo("from-systemd");
        assertThat(s.origin()).hasValueSatisfying(o -> assertThat(o).contains("db_password"));
    }

    @Test
    void missingFileAndDirectoryAreNotFound() {
        assertThatThrownBy(() -> files.resolve(SecretRef.of("file", dir.resolve("none").toString()),
                ctx(Profile.DEVELOPMENT, Map.of())))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> files.resolve(SecretRef.of("file", dir.toString()), ctx(Profile.DEVELOPMENT, Map.of())))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("directory");
    }
}
