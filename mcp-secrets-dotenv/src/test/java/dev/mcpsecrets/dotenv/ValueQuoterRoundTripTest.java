package dev.mcpsecrets.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@link ValueQuoter} writes reads back exactly, both through the parser and through a {@code dotenv:}
 * reference resolved by the facade (the way {@code run} and servers read it), for the values people pipe in:
 * multi-line PEM keys, JSON credentials, {@code #}, {@code $}, quotes, backslashes, spaces at either end.
 */
class ValueQuoterRoundTripTest {
    private static final Path DIR = privateDirectory();
    private static final String OTHERS = "# kept\nexport FIRST=one # note\nMULTI=\"a\nb\"\nREF=${FIRST}\n";

    private static Path privateDirectory() {
        try {
            Path dir = Files.createTempDirectory("quoter-rt", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> special = Arbitraries.of("#", " #", "$", "${A}", "$(id)", "\\", "\\n", "'", "\"", "`", "\n",
                "\r\n", "\r", "\t", " ", "=", "\u0000", "\u000B", "\f", "\u00A0", "\u2028", "\uFEFF", "export ", "é",
                "\uD83D\uDD11", "-----BEGIN PRIVATE KEY-----\n", "\n-----END PRIVATE KEY-----", "{\"k\": \"v\\\\\"}");
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(6)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        return Arbitraries.oneOf(special, special, text, unicode).list().ofMinSize(1).ofMaxSize(12)
                .map(parts -> String.join("", parts)).filter(s -> !s.isEmpty());
    }

    @Property(tries = 300)
    void anyValueReadsBackThroughTheParserAndADotenvReference(@ForAll("values") String value) throws Exception {
        assertRoundTrip(value);
    }

    @Example
    void pemKeyJsonCredentialAndSpacesReadBack() throws Exception {
        for (String value : List.of(
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----",
                "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN KEY-----\\nAB\\n-----END KEY-----\\n\",\n"
                        + "  \"client_email\": \"a@b.iam\"\n}",
                "  leading and trailing  ", "pass#word", "a $HOME b", "it's \"quoted\" \\ back", "line1\r\nline2")) {
            assertRoundTrip(value);
        }
    }

    private static void assertRoundTrip(String value) throws Exception {
        Path file = Files.createTempFile(DIR, "rt", ".env");
        try {
            Files.writeString(file, OTHERS, StandardCharsets.UTF_8);
            DotenvFile.load(file).set("KEY", Secret.of(value)).write();

            DotenvResult parsed = DotenvParser.standard().parse(file);
            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.find("KEY").orElseThrow().value().revealAsString()).isEqualTo(value);
            assertThat(parsed.find("MULTI").orElseThrow().value().revealAsString()).isEqualTo("a\nb");
            assertThat(parsed.find("REF").orElseThrow().value().revealAsString()).isEqualTo("one");

            try (Secrets secrets = Secrets.builder().environment(Map.of("HOME", DIR.toString())).build()) {
                Secret resolved = secrets.resolve("dotenv:" + file + "#KEY");
                assertThat(resolved.revealAsString()).isEqualTo(value);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
