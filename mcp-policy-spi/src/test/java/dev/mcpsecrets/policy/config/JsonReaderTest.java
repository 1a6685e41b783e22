package dev.mcpsecrets.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReaderTest {
    private static final Path FILE = Path.of("/cfg/test.json");

    private static JsonDocument strict(String text) {
        return JsonReader.parse(text, FILE, JsonDialect.STRICT);
    }

    @Test
    void valuesKeepLineColumnAndPointer() {
        String text = "{\n  \"mcpServers\": {\n    \"a/b~c\": {\"args\": [\"x\", 12, true, null]}\n  }\n}";
        JsonDocument doc = strict(text);
        assertThat(doc.problems()).isEmpty();
        JsonValue.ObjectValue root = doc.root().orElseThrow().asObject().orElseThrow();
        JsonValue.ObjectValue server = root.getObject("mcpServers").orElseThrow().getObject("a/b~c").orElseThrow();
        assertThat(server.location()).isEqualTo(new Location(FILE, 3, 14, "/mcpServers/a~1b~0c"));
        List<JsonValue> args = server.get("args").orElseThrow().asArray().orElseThrow().elements();
        assertThat(args.get(0).location()).isEqualTo(new Location(FILE, 3, 24, "/mcpServers/a~1b~0c/args/0"));
        assertThat(args.get(1)).isInstanceOf(JsonValue.NumberValue.class);
        assertThat(args.get(1).location().column()).isEqualTo(29);
        assertThat(args.get(3).pointer()).isEqualTo("/mcpServers/a~1b~0c/args/3");
        assertThat(root.location()).isEqualTo(new Location(FILE, 1, 1, ""));
    }

    @Test
    void escapesAreDecodedAndColumnsCountUtf16Units() {
        JsonDocument doc = strict("{\"k\": \"a\\n\\u00e9\\\"\", \"\uD83D\uDE00\": \"v\"}");
        JsonValue.ObjectValue root = doc.root().orElseThrow().asObject().orElseThrow();
        assertThat(root.getString("k").orElseThrow().value()).isEqualTo("a\né\"");
        assertThat(root.members().get(1).value().location().column()).isEqualTo(28);
    }

    @Test
    void commentInStrictJsonIsAProblemButTheRestIsRead() {
        JsonDocument doc = strict("{\n  // note\n  \"a\": 1 /* x */\n}");
        assertThat(doc.root()).isPresent();
        assertThat(doc.problems()).extracting(ParseProblem::kind)
                .containsExactly(ParseProblem.Kind.COMMENT, ParseProblem.Kind.COMMENT);
        assertThat(doc.problems().get(0).location()).isEqualTo(Location.of(FILE, 2, 3));
        assertThat(doc.problems().get(1).location()).isEqualTo(Location.of(FILE, 3, 10));
        assertThat(doc.acceptedByClient()).isFalse();
    }

    @Test
    void jsoncAcceptsCommentsAndTrailingCommas() {
        JsonDocument doc = JsonReader.parse("{\"a\": [1, 2,], /* c */ \"b\": {\"c\": 1,},}", FILE, JsonDialect.JSONC);
        assertThat(doc.problems()).isEmpty();
        assertThat(doc.acceptedByClient()).isTrue();
        assertThat(doc.root().orElseThrow().asObject().orElseThrow().asMap()).containsOnlyKeys("a", "b");
    }

    @Test
    void commentsDialectRejectsOnlyTrailingCommas() {
        JsonDocument doc = JsonReader.parse("{\n// ok\n\"a\": 1,\n}", FILE, JsonDialect.COMMENTS);
        assertThat(doc.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ParseProblem.Kind.TRAILING_COMMA);
            assertThat(p.location()).isEqualTo(Location.of(FILE, 3, 7));
        });
    }

    @Test
    void syntaxErrorHasLineAndColumnAndNoRoot() {
        JsonDocument doc = strict("{\n  \"a\": \"x\"\n  \"b\": 2\n}");
        assertThat(doc.root()).isEmpty();
        assertThat(doc.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ParseProblem.Kind.SYNTAX_ERROR);
            assertThat(p.location()).isEqualTo(Location.of(FILE, 3, 3));
            assertThat(p.message()).contains("expected ',' or '}'");
        });
    }

    @Test
    void syntaxErrorMessageDoesNotEchoContent() {
        JsonDocument doc = strict("{\"token\": ghp_SECRETVALUE}");
        assertThat(doc.problems()).singleElement().satisfies(p -> assertThat(p.message()).doesNotContain("ghp"));
    }

    @Test
    void duplicateKeysAreReportedAndTheLastWins() {
        JsonDocument doc = strict("{\"a\": 1, \"a\": 2}");
        assertThat(doc.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ParseProblem.Kind.DUPLICATE_KEY);
            assertThat(p.location().jsonPointer()).isEqualTo("/a");
            assertThat(p.location().column()).isEqualTo(10);
        });
        assertThat(doc.acceptedByClient()).isTrue();
        JsonValue a = doc.root().orElseThrow().asObject().orElseThrow().get("a").orElseThrow();
        assertThat(((JsonValue.NumberValue) a).text()).isEqualTo("2");
    }

    @Test
    void badInputsNeverThrow() {
        for (String bad : List.of("", "   ", "{", "[1,", "\"abc", "{\"a\" 1}", "tru", "-", "1.", "1e", "{\"a\":1}}",
                "/* open", "\"\\x\"", "\"\\u12\"", "[" .repeat(2000), "{\"a\":\"line\nbreak\"}", "01")) {
            JsonDocument doc = strict(bad);
            assertThat(doc.problems()).as(bad).anyMatch(p -> p.kind() == ParseProblem.Kind.SYNTAX_ERROR);
            assertThat(doc.root()).as(bad).isEmpty();
        }
    }

    @Test
    void crlfAndByteOrderMarkAreHandled() {
        JsonDocument doc = strict("\uFEFF{\r\n\"a\":\r\n  true}");
        JsonValue a = doc.root().orElseThrow().asObject().orElseThrow().get("a").orElseThrow();
        assertThat(a.location()).isEqualTo(new Location(FILE, 3, 3, "/a"));
    }

    @Test
    void unreadableAndNonUtf8FilesBecomeProblems(@TempDir Path dir) throws Exception {
        JsonDocument missing = JsonReader.read(dir.resolve("missing.json"), JsonDialect.STRICT);
        assertThat(missing.problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(ParseProblem.Kind.UNREADABLE));
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertThat(JsonReader.read(latin1, JsonDialect.STRICT).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("UTF-8"));
    }

    @Test
    void stringValueToStringHidesTheValue() {
        JsonValue v = strict("\"ghp_0123456789abcdef\"").root().orElseThrow();
        assertThat(v.toString()).doesNotContain("ghp_").contains("20 chars");
    }
}
