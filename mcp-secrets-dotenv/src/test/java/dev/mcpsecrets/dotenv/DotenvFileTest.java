package dev.mcpsecrets.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.UnaryOperator;
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

    /** Writes {@code before}, applies the edit, writes the result with {@link DotenvFile#write()} and reads it back. */
    private String afterEdit(String before, UnaryOperator<DotenvFile> edit) throws Exception {
        Path file = write(before);
        edit.apply(DotenvFile.load(file)).write();
        return read(file);
    }

    @Test
    void setReplacesInPlaceKeepingCommentsIndentationExportAndOrder() throws Exception {
        assertThat(afterEdit("# header\n\n  export A=old # keep me\nB='b'\n# tail\n", f -> f.set("A", Secret.of("new value"))))
                .isEqualTo("# header\n\n  export A='new value' # keep me\nB='b'\n# tail\n");
    }

    @Test
    void commentRightAfterAClosingQuoteStaysAComment() throws Exception {
        String after = afterEdit("A=\"x\"#note\n", f -> f.set("A", Secret.of("y")));
        assertThat(after).isEqualTo("A=y #note\n");
        assertThat(DotenvParser.standard().parse(after, "t").find("A").orElseThrow().value().revealAsString()).isEqualTo("y");
    }

    @Test
    void setAppendsNewKeyAddingMissingLineEndAndKeepingCrlf() throws Exception {
        assertThat(afterEdit("A=1\r\nB=2", f -> f.set("C", Secret.of("3")))).isEqualTo("A=1\r\nB=2\r\nC=3\r\n");
    }

    @Test
    void setRemovesEarlierDuplicatesSoNoOldValueLingers() throws Exception {
        assertThat(afterEdit("A=first\nB=x\nA=\"multi\nline\"\nC=y\n", f -> f.set("A", Secret.of("z")))).isEqualTo("B=x\nA=z\nC=y\n");
    }

    @Test
    void removeDropsWholeMultilineStatements() throws Exception {
        assertThat(afterEdit("A=1\nB=\"x\ny\" # c\nC=3\n", f -> f.remove("B"))).isEqualTo("A=1\nC=3\n");
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
            // no temporary file left; the writers' lock file stays (removing it would let two writers lock apart)
            assertThat(listing).containsExactlyInAnyOrder(file, dir.resolve("new.env.lock"));
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
