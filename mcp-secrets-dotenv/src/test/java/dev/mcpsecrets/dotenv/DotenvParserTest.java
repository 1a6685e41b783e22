package dev.mcpsecrets.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotenvParserTest {
    private static final DotenvParser LENIENT = DotenvParser.builder().strict(false)
            .environment(Map.of("HOME_DIR", "/home/me", "EMPTY", "")).build();

    static Map<String, String> values(DotenvResult result) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : result.keys()) {
            map.put(key, result.find(key).orElseThrow().value().revealAsString());
        }
        return map;
    }

    private static Map<String, String> lenient(String text) throws DotenvParseException {
        return values(LENIENT.parse(text, "test.env"));
    }

    @Test
    void plainAssignmentsWithExportCommentsAndBlankLines() throws Exception {
        assertThat(lenient("# comment\n\nA=1\nexport B = two words  \n  C=x # note\nD=\n"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "x"),
                        Map.entry("D", ""));
    }

    @Test
    void hashWithoutPrecedingBlankIsPartOfUnquotedValue() throws Exception {
        assertThat(lenient("A=abc#def\nB=#x\nC= #x\n")).containsExactly(
                Map.entry("A", "abc#def"), Map.entry("B", "#x"), Map.entry("C", ""));
    }

    @Test
    void nodeDialectEndsUnquotedValueAtAnyHash() throws Exception {
        DotenvParser node = DotenvParser.builder().dialect(Dialect.NODE).build();
        assertThat(values(node.parse("A=abc#def\n", "t"))).containsExactly(Map.entry("A", "abc"));
    }

    @Test
    void quotesSingleLiteralDoubleEscapedBacktickLiteral() throws Exception {
        assertThat(lenient("S='a\\n${HOME_DIR}'\nD=\"a\\nb\\t\\\"q\\\" \\\\ \\$x\"\nB=`it's \"x\"`\n"))
                .containsExactly(Map.entry("S", "a\\n${HOME_DIR}"), Map.entry("D", "a\nb\t\"q\" \\ $x"),
                        Map.entry("B", "it's \"x\""));
    }

    @Test
    void doubleQuotedValueSpansLinesAndLineNumbersFollow() throws Exception {
        DotenvResult result = LENIENT.parse("A=\"one\ntwo\r\nthree\"\nB=2\n", "t");
        assertThat(values(result)).containsExactly(Map.entry("A", "one\ntwo\nthree"), Map.entry("B", "2"));
        assertThat(result.find("B").orElseThrow().line()).isEqualTo(4);
    }

    @Test
    void expansionFromEarlierKeysThenEnvironmentWithDefaults() throws Exception {
        assertThat(lenient("A=x\nB=${A}/${HOME_DIR}/${NOPE}\nC=${NOPE:-dflt}\nD=${EMPTY:-e}\nE='${A}'\nF=\"\\${A}\"\n"))
                .containsExactly(Map.entry("A", "x"), Map.entry("B", "x//home/me/"), Map.entry("C", "dflt"),
                        Map.entry("D", "e"), Map.entry("E", "${A}"), Map.entry("F", "${A}"));
    }

    @Test
    void crlfAndBomAreHandled() throws Exception {
        assertThat(lenient("\uFEFFA=1\r\nB='x'\r\n")).containsExactly(Map.entry("A", "1"), Map.entry("B", "x"));
    }

    @Test
    void duplicateKeysLastWinsAndIsReported() throws Exception {
        DotenvResult result = LENIENT.parse("A=1\nA=2\n", "t");
        assertThat(values(result)).containsExactly(Map.entry("A", "2"));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(DotenvProblem.Severity.WARNING);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.description()).contains("already defined at line 1");
        });
        assertThat(result.hasErrors()).isFalse();
    }

    @Test
    void unterminatedQuoteCostsOnlyItsLineInLenientMode() throws Exception {
        DotenvResult result = LENIENT.parse("A=1\nB=\"s3cr3t-value\nC=3\nD='unclosed\nE=5\n", "my.env");
        assertThat(values(result)).containsExactly(Map.entry("A", "1"), Map.entry("C", "3"), Map.entry("E", "5"));
        assertThat(result.problems()).extracting(DotenvProblem::message).containsExactly(
                "my.env:2:3: unterminated double quote opened at line 2 column 3; the rest of that line was skipped",
                "my.env:4:3: unterminated single quote opened at line 4 column 3; the rest of that line was skipped");
    }

    @Test
    void strictModeThrowsWithPositionAndWithoutTheValue() {
        assertThatThrownBy(() -> DotenvParser.standard().parse("A=1\nB=\"s3cr3t-value\n", "my.env"))
                .isInstanceOfSatisfying(DotenvParseException.class, e -> {
                    assertThat(e.source()).isEqualTo("my.env");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.getMessage()).doesNotContain("s3cr3t");
                });
    }

    @Test
    void lineWithoutEqualsIsAnErrorThatDoesNotQuoteTheLine() {
        assertThatThrownBy(() -> DotenvParser.standard().parse("ghp_abcdefSECRET\n", "x.env"))
                .isInstanceOf(DotenvParseException.class)
                .hasMessage("x.env:1:17: expected '=' after the variable name, found the end of the line");
    }

    @Test
    void textAfterClosingQuoteIsAnError() {
        assertThatThrownBy(() -> DotenvParser.standard().parse("A=\"x\"y\n", "x.env"))
                .hasMessageContaining("1:6: unexpected text after the closing quote");
    }

    @Test
    void malformedUtf8IsReportedWithPosition() {
        byte[] bytes = "A=1\nB=\u00e9".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 1] = (byte) 0x41; // cut a two-byte sequence
        assertThatThrownBy(() -> DotenvParser.standard().parse(bytes, "u.env"))
                .isInstanceOf(DotenvParseException.class).hasMessageContaining("u.env:2:3: not valid UTF-8");
    }

    @Test
    void exponentialExpansionIsCapped() throws Exception {
        StringBuilder text = new StringBuilder("A0=xxxxxxxxxxxxxxxx\n");
        for (int i = 1; i < 40; i++) {
            text.append('A').append(i).append("=${A").append(i - 1).append("}${A").append(i - 1).append("}\n");
        }
        DotenvResult result = LENIENT.parse(text, "bomb.env");
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.description()).contains("exceeds the limit"));
    }

    @Test
    void exportAloneIsAKey() throws Exception {
        assertThat(lenient("export=1\nexport  X=2\n")).containsExactly(Map.entry("export", "1"), Map.entry("X", "2"));
    }

    @Test
    void nestedDefaultsExpandAsInTheShell() throws Exception {
        DotenvParser parser = DotenvParser.builder().environment(Map.of("MACHINE", "m1", "EMPTY", "")).build();
        assertThat(values(parser.parse("B=inner\n"
                + "A=${NOPE:-${MACHINE:-default}}\n"
                + "C=${NOPE:-${NOPE2:-${B}}}\n"
                + "D=${EMPTY:-${NOPE:-last}}\n"
                + "E=\"${NOPE:-${B}-x}\"\n"
                + "F=${NOPE:-{x}\n"
                + "G=\"\\${NOPE:-${B}}\"\n"
                + "H='${NOPE:-${B}}'\n", "nested.env")))
                .containsExactly(Map.entry("B", "inner"), Map.entry("A", "m1"), Map.entry("C", "inner"),
                        Map.entry("D", "last"), Map.entry("E", "inner-x"), Map.entry("F", "{x"),
                        Map.entry("G", "${NOPE:-inner}"), Map.entry("H", "${NOPE:-${B}}"));
    }

    @Test
    void defaultsNestedTooDeepAreKeptWholeWithAWarning() throws Exception {
        String deep = "${U:-".repeat(Expander.MAX_NESTING + 2) + "c" + "}".repeat(Expander.MAX_NESTING + 2);
        DotenvResult result = DotenvParser.builder().strict(false).build().parse("A=" + deep + "\n", "deep.env");
        assertThat(result.find("A").orElseThrow().value().revealAsString()).isEqualTo("${U:-${U:-c}}");
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("deep.env:1:1").contains("nests defaults more than 32 levels deep"));
    }

    @Test
    void unterminatedQuoteDoesNotSwallowTheNextQuotedStatement() throws Exception {
        for (String quote : new String[] {"\"", "'", "`"}) {
            DotenvResult result = DotenvParser.builder().strict(false).build()
                    .parse("FOO=" + quote + "\nBAR=" + quote + "bar" + quote + "\nBAZ=1\n", "q.env");
            assertThat(values(result)).containsExactly(Map.entry("BAR", "bar"), Map.entry("BAZ", "1"));
            assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .startsWith("q.env:1:5: unterminated").contains("opened at line 1 column 5"));
        }
    }

    @Test
    void quotedValueSpanningLinesStillEndsAtACleanClosingQuote() throws Exception {
        DotenvResult result = DotenvParser.standard().parse("KEY=\"-----BEGIN\nabc\n-----END\" # pem\nNEXT='a\nb'\n",
                "pem.env");
        assertThat(values(result)).containsExactly(Map.entry("KEY", "-----BEGIN\nabc\n-----END"),
                Map.entry("NEXT", "a\nb"));
        assertThat(result.find("NEXT").orElseThrow().line()).isEqualTo(4);
    }

    @Test
    void manyUnterminatedQuotesEachCostOnlyTheirLine() throws Exception {
        String text = "A=\"x\n".repeat(50_000) + "Z=\"late\" trailing\n";
        DotenvResult result = DotenvParser.builder().strict(false).build().parse(text, "many.env");
        assertThat(result.keys()).isEmpty();
        assertThat(result.problems()).hasSize(50_001);
    }
}
