package dev.mcpsecrets.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class DotenvPropertiesTest {
    private static final String SPECIAL = "'\"`$#\\{}=:- \t\n\r\u000B\f\u00A0";
    private static final Path BASE = baseFile();

    private static Path baseFile() {
        try {
            Path dir = Files.createTempDirectory("dotenv-props");
            Path file = dir.resolve(".env");
            Files.writeString(file, "# kept\nexport FIRST=one # note\n\nMULTI=\"a\nb\"\nHASHED=\"q\"#c\nLAST='x'", StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9')
                .withChars("_.-").ofMinLength(1).ofMaxLength(20);
    }

    /** Values with quotes, dollars, hashes, backslashes, line ends, control characters and unicode (BMP and beyond). */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> codePoint = Arbitraries.oneOf(
                Arbitraries.of(SPECIAL.chars().boxed().toList()),
                Arbitraries.integers().between(0x20, 0x7E),
                Arbitraries.integers().between(0x00, 0x1F),
                Arbitraries.integers().between(0xA0, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFD),
                Arbitraries.integers().between(0x10000, 0x10FFFF))
                .map(Character::toString);
        return codePoint.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Property(tries = 500)
    void writerOutputReadsBackExactly(@ForAll("keys") String key, @ForAll("values") String value) throws Exception {
        DotenvFile edited = DotenvFile.load(BASE).set(key, Secret.of(value));
        DotenvResult parsed = edited.parse(DotenvParser.standard());
        assertThat(parsed.find(key).orElseThrow().value().revealAsString()).isEqualTo(value);
        if (!List.of("FIRST", "MULTI", "HASHED", "LAST").contains(key)) {
            assertThat(parsed.find("MULTI").orElseThrow().value().revealAsString()).isEqualTo("a\nb");
            assertThat(parsed.find("FIRST").orElseThrow().value().revealAsString()).isEqualTo("one");
        }
        DotenvResult again = edited.set(key, Secret.of(value + "2")).parse(DotenvParser.standard());
        assertThat(again.find(key).orElseThrow().value().revealAsString()).isEqualTo(value + "2");
        assertThat(again.entries().stream().filter(e -> e.key().equals(key)).count()).isEqualTo(1);
    }

    @Property(tries = 300)
    void rewritingAnExistingStatementKeepsTheOthers(@ForAll("existingKeys") String key, @ForAll("values") String value)
            throws Exception {
        DotenvResult parsed = DotenvFile.load(BASE).set(key, Secret.of(value)).parse(DotenvParser.standard());
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.keys()).containsExactly("FIRST", "MULTI", "HASHED", "LAST");
        assertThat(parsed.find(key).orElseThrow().value().revealAsString()).isEqualTo(value);
        for (String other : List.of("FIRST", "MULTI", "HASHED", "LAST")) {
            if (!other.equals(key)) {
                assertThat(parsed.find(other)).isPresent();
            }
        }
    }

    @Provide
    Arbitrary<String> existingKeys() {
        return Arbitraries.of("FIRST", "MULTI", "HASHED", "LAST");
    }

    @Property(tries = 300)
    void randomBytesGiveAResultOrAParseException(@ForAll("dotenvishBytes") byte[] input) {
        DotenvParser strict = DotenvParser.standard();
        DotenvParser lenient = DotenvParser.builder().strict(false).build();
        DotenvParser node = DotenvParser.builder().strict(false).dialect(Dialect.NODE).build();
        try {
            strict.parse(input, "fuzz.env");
        } catch (DotenvParseException expected) {
            assertThat(expected.line()).isPositive();
            assertThat(expected.column()).isPositive();
        }
        try {
            assertThat(lenient.parse(input, "fuzz.env")).isNotNull();
            assertThat(node.parse(input, "fuzz.env")).isNotNull();
        } catch (DotenvParseException e) {
            throw new AssertionError("lenient parsing threw " + e.getMessage(), e);
        }
    }

    @Provide
    Arbitrary<byte[]> dotenvishBytes() {
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> syntax = Arbitraries.of("AZaz09_=#'\"`$\\{}:-\r\n \texport".chars()
                .mapToObj(c -> (byte) c).collect(Collectors.toList()));
        return Arbitraries.frequencyOf(
                        Tuple.of(1, any),
                        Tuple.of(4, syntax))
                .list().ofMaxSize(200)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
    }

    @Property(tries = 200)
    void aSecretOnAMalformedLineNeverAppearsInErrorsProblemsOrToString(
            @ForAll("secrets") String secret, @ForAll("malformedTemplates") String template) throws Exception {
        String text = "OK=1\n" + template.replace("SECRET", secret) + "\nVALID=" + secret + "\n";
        try {
            DotenvParser.standard().parse(text, "leak.env");
        } catch (DotenvParseException e) {
            assertThat(e.getMessage()).doesNotContain(secret);
            assertThat(e.toString()).doesNotContain(secret);
        }
        DotenvResult result = DotenvParser.builder().strict(false).build().parse(text, "leak.env");
        assertThat(result.problems()).isNotEmpty();
        for (DotenvProblem problem : result.problems()) {
            assertThat(problem.message()).doesNotContain(secret);
            assertThat(problem.toString()).doesNotContain(secret);
        }
        assertThat(result.toString()).doesNotContain(secret);
        assertThat(result.entries().toString()).doesNotContain(secret);
        assertThat(result.find("VALID").orElseThrow().value().toString()).doesNotContain(secret);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(30).map(s -> "Zq" + s);
    }

    @Provide
    Arbitrary<String> malformedTemplates() {
        return Arbitraries.of("SECRET", "A=\"SECRET", "A='SECRET", "A=`SECRET", "A='x'SECRET", "A=\"x\" SECRET",
                "'SECRET'=1", "SECRET: x", "SECRET SECRET=1", " =SECRET", "export SECRET", "A=\"SECRET\"\"");
    }
}
