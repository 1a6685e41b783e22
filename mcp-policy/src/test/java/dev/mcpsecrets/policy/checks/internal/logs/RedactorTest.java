package dev.mcpsecrets.policy.checks.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redact}: each occurrence replaced in place, same inode, backups only when asked. */
class RedactorTest {
    static final String GITHUB = "ghp_FAKEfake0123456789abcdefABCDEF012345";
    static final String OWN = "PLANTED-own-value-9Zx";
    static final KeyedFingerprinter FP = KeyedFingerprinter.withKey(new byte[32]);

    @TempDir
    Path dir;

    private static LeakScanner scanner(KnownValues values) {
        return new LeakScanner(SecretScanner.builtIn(), values, FP);
    }

    private static KnownValues own() {
        Secret s = Secret.of(OWN);
        try {
            return KnownValues.of(Map.of("keychain:db", s), FP, List.of());
        } finally {
            s.destroy();
        }
    }

    @Test
    void replacesEachOccurrenceInPlaceKeepingTheInodeAndAnOpenReaderSeesTheNewBytes() throws IOException {
        Path log = dir.resolve("mcp-server-github.log");
        Files.writeString(log, "start\ntoken " + GITHUB + " and " + OWN + "\n{\"k\":\"" + GITHUB + "\"}\nend\n");
        Object inode = Files.readAttributes(log, "unix:ino").get("ino");
        try (FileChannel reader = FileChannel.open(log, StandardOpenOption.READ);
                KnownValues values = own()) {
            Redactor.Result r = Redactor.redact(log, scanner(values), false, false);
            assertThat(r.rewritten()).isTrue();
            assertThat(r.backup()).isNull();
            assertThat(r.leaks()).extracting(Leak::line).containsExactly(2L, 2L, 3L);
            assertThat(r.leaks()).extracting(Leak::source).containsExactly(Leak.Source.FORMAT, Leak.Source.VALUE,
                    Leak.Source.FORMAT);
            String expected = "start\ntoken [REDACTED:github-pat] and [REDACTED:keychain:db]\n"
                    + "{\"k\":\"[REDACTED:github-pat]\"}\nend\n";
            String label = r.leaks().get(0).label();
            expected = expected.replace("github-pat", label);
            assertThat(Files.readString(log)).isEqualTo(expected);
            assertThat(Files.readAttributes(log, "unix:ino").get("ino")).isEqualTo(inode);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
            reader.read(buf, 0);
            assertThat(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(log); // no spool or backup left behind
        }
    }

    @Test
    void aBackupIsMadeOnlyWhenAskedAndIsPrivate() throws IOException {
        Path log = dir.resolve("mcp.log");
        String original = "x " + GITHUB + "\n";
        Files.writeString(log, original);
        Redactor.Result r = Redactor.redact(log, scanner(null), true, false);
        assertThat(r.backup()).isNotNull();
        assertThat(Files.readString(r.backup())).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.backup()))).isEqualTo("rw-------");
        assertThat(Files.readString(log)).doesNotContain(GITHUB);
    }

    @Test
    void aDryRunOrACleanFileChangesNothing() throws IOException {
        Path log = dir.resolve("mcp.log");
        Files.writeString(log, "x " + GITHUB + "\n");
        assertThat(Redactor.redact(log, scanner(null), false, true).leaks()).hasSize(1);
        assertThat(Files.readString(log)).contains(GITHUB);
        Path clean = dir.resolve("clean.log");
        Files.writeString(clean, "nothing here\n");
        Redactor.Result r = Redactor.redact(clean, scanner(null), true, false);
        assertThat(r.rewritten()).isFalse();
        assertThat(r.backup()).isNull();
    }

    @Test
    void gzipIsRewrittenAsGzip() throws IOException {
        Path gz = dir.resolve("mcp.log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("a " + GITHUB + "\nb\n").getBytes(StandardCharsets.UTF_8));
        }
        Redactor.Result r = Redactor.redact(gz, scanner(null), false, false);
        assertThat(r.leaks()).hasSize(1);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            in.transferTo(plain);
        }
        assertThat(plain.toString(StandardCharsets.UTF_8)).startsWith("a [REDACTED:").endsWith("]\nb\n")
                .doesNotContain(GITHUB);
    }

    @Test
    void refusesALinkAndANonRegularFile() throws IOException {
        Path target = dir.resolve("real.log");
        Files.writeString(target, GITHUB);
        Path link = dir.resolve("link.log");
        Files.createSymbolicLink(link, target);
        assertThatThrownBy(() -> Redactor.redact(link, scanner(null), false, false)).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> Redactor.redact(dir, scanner(null), false, false)).hasMessageContaining("directory");
        assertThat(Files.readString(target)).isEqualTo(GITHUB);
        assertThat(Files.isSymbolicLink(link) && Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
