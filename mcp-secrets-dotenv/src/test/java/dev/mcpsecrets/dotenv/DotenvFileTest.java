package dev.mcpsecrets.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvFileTest {
    @TempDir
    Path dir;

    private Path write(String content) throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void setReplacesInPlaceKeepingCommentsIndentationExportAndOrder() throws Exception {
        Path file = write("# header\n\n  export A=old # keep me\nB='b'\n# tail\n");
        DotenvFile.load(file).set("A", Secret.of("new value")).write();
        assertThat(read(file)).isEqualTo("# header\n\n  export A='new value' # keep me\nB='b'\n# tail\n");
    }

    @Test
    void commentRightAfterAClosingQuoteStaysAComment() throws Exception {
        Path file = write("A=\"x\"#note\n");
        DotenvFile.load(file).set("A", Secret.of("y")).write();
        assertThat(read(file)).isEqualTo("A=y #note\n");
        assertThat(DotenvParser.standard().parse(file).find("A").orElseThrow().value().revealAsString()).isEqualTo("y");
    }

    @Test
    void setAppendsNewKeyAddingMissingLineEndAndKeepingCrlf() throws Exception {
        Path file = write("A=1\r\nB=2");
        DotenvFile.load(file).set("C", Secret.of("3")).write();
        assertThat(read(file)).isEqualTo("A=1\r\nB=2\r\nC=3\r\n");
    }

    @Test
    void setRemovesEarlierDuplicatesSoNoOldValueLingers() throws Exception {
        Path file = write("A=first\nB=x\nA=\"multi\nline\"\nC=y\n");
        DotenvFile.load(file).set("A", Secret.of("z")).write();
        assertThat(read(file)).isEqualTo("B=x\nA=z\nC=y\n");
    }

    @Test
    void removeDropsWholeMultilineStatements() throws Exception {
        Path file = write("A=1\nB=\"x\ny\" # c\nC=3\n");
        DotenvFile.load(file).remove("B").write();
        assertThat(read(file)).isEqualTo("A=1\nC=3\n");
    }

    @Test
    void unparsableLinesAreKeptAsTheyAre() throws Exception {
        Path file = write("garbage line\nA=1\n");
        DotenvFile edited = DotenvFile.load(file).set("A", Secret.of("2"));
        assertThat(edited.problems()).hasSize(1);
        edited.write();
        assertThat(read(file)).isEqualTo("garbage line\nA=2\n");
    }

    @Test
    void missingFileIsCreatedWithOwnerOnlyMode() throws Exception {
        Path file = dir.resolve("new.env");
        DotenvFile.load(file).set("TOKEN", Secret.of("it's $ \"x\"\n")).write();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(read(file)).isEqualTo("TOKEN=\"it's \\$ \\\"x\\\"\\n\"\n");
        assertThat(DotenvParser.standard().parse(file).find("TOKEN").orElseThrow().value().revealAsString())
                .isEqualTo("it's $ \"x\"\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void writeTightensALooseExistingFileAndFollowsSymlinks() throws Exception {
        Path target = write("A=1\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.env"), target);
        DotenvFile.load(link).set("A", Secret.of("2")).write();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(read(target)).isEqualTo("A=2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void missingParentDirectoriesAreCreatedOwnerOnly() throws Exception {
        Path file = dir.resolve("home/.config/mcp-secrets/.env");
        DotenvFile.load(file).set("A", Secret.of("1")).write();
        assertThat(read(file)).isEqualTo("A=1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void invalidKeyIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> DotenvFile.load(dir.resolve("x")).set("s3cr3t value", Secret.of("v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void toStringShowsNoValue() throws Exception {
        DotenvFile file = DotenvFile.load(write("A=hunter2-secret\n"));
        assertThat(file.toString()).doesNotContain("hunter2").contains("1 definitions");
        assertThat(file.keys()).containsExactly("A");
        assertThat(file.contains("A")).isTrue();
    }
}
