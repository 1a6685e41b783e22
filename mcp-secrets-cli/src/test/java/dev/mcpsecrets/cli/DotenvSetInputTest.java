package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dotenv set} with the value piped to stdin: everything up to end of input is the value (one trailing
 * line end dropped), stored so that {@code get dotenv:FILE#KEY} gives it back exactly; invalid UTF-8 and
 * values typed on the command line are refused without being echoed.
 */
class DotenvSetInputTest {
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIB\n"
            + "AQC7o4qne60TB3wo\n-----END PRIVATE KEY-----";
    private static final String JSON = "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN KEY-----"
            + "\\nAB+/c\\n-----END KEY-----\\n\",\n  \"note\": \"it's #1 at $HOME \\\\ here\"\n}";

    @TempDir
    Path tmp;

    static CliRun withStdin(byte[] stdin, Map<String, String> env, String... args) {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            return CliRun.of(env, args);
        } finally {
            System.setIn(original);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sets KEY in {@code file} from {@code stdin}, then resolves {@code dotenv:FILE#KEY} as a server would. */
    private static String setThenGet(Path home, Path file, byte[] stdin) {
        Map<String, String> env = TestEnvironment.of(home);
        CliRun set = withStdin(stdin, env, "dotenv", "set", "KEY", "--file", file.toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        CliRun get = CliRun.of(env, "get", "--reveal", "dotenv:" + file.toAbsolutePath() + "#KEY");
        assertThat(get.exitCode()).as(get.err()).isZero();
        return get.out();
    }

    @Test
    void aPipedMultiLinePemKeyIsStoredWholeAndReadsBackExactly() throws Exception {
        Path file = Files.writeString(tmp.resolve(".env"), "# keep\nOTHER=1\n");
        assertThat(setThenGet(tmp, file, utf8(PEM + "\n"))).isEqualTo(PEM);
        assertThat(Files.readString(file)).startsWith("# keep\nOTHER=1\n");
    }

    @Test
    void aPipedJsonCredentialWithQuotesBackslashesHashAndDollarReadsBackExactly() {
        assertThat(setThenGet(tmp, tmp.resolve("json.env"), utf8(JSON + "\r\n"))).isEqualTo(JSON);
    }

    @Test
    void exactlyOneTrailingLineEndIsDroppedAndSpacesAtEitherEndAreKept() {
        assertThat(setThenGet(tmp, tmp.resolve("a.env"), utf8("  spaced value  "))).isEqualTo("  spaced value  ");
        assertThat(setThenGet(tmp, tmp.resolve("b.env"), utf8("two\n\n"))).isEqualTo("two\n");
        assertThat(setThenGet(tmp, tmp.resolve("c.env"), utf8("crlf\r\n\r\n"))).isEqualTo("crlf\r\n");
        assertThat(setThenGet(tmp, tmp.resolve("d.env"), utf8("lone-cr\r"))).isEqualTo("lone-cr\r");
    }

    @Test
    void invalidUtf8IsRefusedWithExit2WithoutEchoAndNothingIsWritten() throws Exception {
        Path file = Files.writeString(tmp.resolve(".env"), "OTHER=1\n");
        byte[] stdin = utf8("s3cr3t-part-one\u00e9XY-part-two");
        byte[] broken = Arrays.copyOf(stdin, stdin.length);
        broken[16] = (byte) 0xFF; // inside the two-byte é
        CliRun set = withStdin(broken, TestEnvironment.of(tmp), "dotenv", "set", "KEY", "--file", file.toString());
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("not valid UTF-8").contains("byte offset 15").contains("nothing written")
                .doesNotContain("s3cr3t").doesNotContain("part-two").doesNotContain("\uFFFD");
        assertThat(set.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("OTHER=1\n");
    }

    @Test
    void aValueGivenOnTheCommandLineIsRefusedWithoutBeingEchoed() throws Exception {
        Path file = tmp.resolve(".env");
        CliRun set = withStdin(utf8("x"), TestEnvironment.of(tmp), "dotenv", "set", "KEY", "ghp_argvSecret123456",
                "--file", file.toString());
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("never from the command line").doesNotContain("ghp_argvSecret123456");
        assertThat(file).doesNotExist();
    }

    @Test
    void aValueGivenAsAnUnknownOptionOrAsProfileIsNotEchoed() {
        Path file = tmp.resolve(".env");
        CliRun option = withStdin(utf8("x"), TestEnvironment.of(tmp), "dotenv", "set", "KEY", "--value=ghp_optSecret123456",
                "--file", file.toString());
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("not shown").doesNotContain("ghp_optSecret123456");
        CliRun profile = withStdin(utf8("x"), TestEnvironment.of(tmp), "dotenv", "set", "KEY", "--profile",
                "ghp_profileSecret:12345");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("--profile").doesNotContain("ghp_profileSecret");
        assertThat(file).doesNotExist();
    }

    @Test
    void aValueGivenInPlaceOfTheKeyIsNotEchoed() {
        CliRun set = withStdin(utf8("x"), TestEnvironment.of(tmp), "dotenv", "set", "postgres://app:pw@db/x",
                "--file", tmp.resolve(".env").toString());
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("invalid KEY").doesNotContain("app:pw");
        CliRun remove = CliRun.of(TestEnvironment.of(tmp), "dotenv", "remove", "postgres://app:pw@db/x",
                "--file", tmp.resolve(".env").toString());
        assertThat(remove.exitCode()).isEqualTo(2);
        assertThat(remove.err()).doesNotContain("app:pw");
    }

    @Test
    void aValueLargerThanTheLimitIsRefused() {
        byte[] big = new byte[PipedValue.MAX_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        CliRun set = withStdin(big, TestEnvironment.of(tmp), "dotenv", "set", "KEY", "--file", tmp.resolve(".env").toString());
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("larger than 1 MiB");
        assertThat(tmp.resolve(".env")).doesNotExist();
    }

    /** Any text: control characters, quotes, backslashes, $, #, line ends, spaces at the ends, non-BMP. */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("#", " ", "$", "${HOME}", "\\", "'", "\"", "`", "\n", "\r\n", "\r", "\t", "\u0000", "=",
                        "\u00A0", "\uFEFF", "\uD83D\uDD11", "-----BEGIN KEY-----\n", "{\"a\":\"b\\\"c\"}"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10),
                Arbitraries.strings().all().ofMaxLength(5)
                        .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)));
        return pieces.list().ofMinSize(1).ofMaxSize(10).map(parts -> String.join("", parts)).filter(s -> !s.isEmpty());
    }

    @Provide
    Arbitrary<String> lineEnds() {
        return Arbitraries.of("", "\n", "\r\n");
    }

    @Property(tries = 150)
    void anyPipedValueRoundTripsThroughTheFileAndADotenvReference(@ForAll("values") String value,
            @ForAll("lineEnds") String end) throws IOException {
        // the contract: one trailing "\n" or "\r\n" of what was piped is dropped, nothing else is touched
        String piped = value + end;
        String expected = piped.endsWith("\r\n") ? piped.substring(0, piped.length() - 2)
                : piped.endsWith("\n") ? piped.substring(0, piped.length() - 1) : piped;
        if (!value.endsWith("\r") && !(end.isEmpty() && value.endsWith("\n"))) {
            assertThat(expected).isEqualTo(value);
        }
        Path dir = Files.createTempDirectory("dotenv-set-prop",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path file = dir.resolve("prop.env");
            Files.writeString(file, "FIRST=one\nMULTI=\"a\nb\"\n");
            if (expected.isEmpty()) {
                CliRun set = withStdin(utf8(piped), TestEnvironment.of(dir), "dotenv", "set", "KEY", "--file", file.toString());
                assertThat(set.exitCode()).isEqualTo(2);
            } else {
                assertThat(setThenGet(dir, file, utf8(piped))).isEqualTo(expected);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
