package dev.mcpsecrets.dotenv;

import static dev.mcpsecrets.dotenv.DotenvParserTest.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeDialectTest {
    private static final DotenvParser NODE = DotenvParser.builder().dialect(Dialect.NODE).strict(false)
            .environment(Map.of("USER_NAME", "alice", "SHARED", "from-env", "EMPTY", "")).build();

    private static Map<String, String> parse(String text) throws DotenvParseException {
        return values(NODE.parse(text, "node.env"));
    }

    @Test
    void doubleQuotesDecodeOnlyNewlineAndCarriageReturn() throws Exception {
        assertThat(parse("A=\"a\\nb\\rc\\td\\\"e\\\\f\"\n"))
                .containsExactly(Map.entry("A", "a\nb\rc\\td\\\"e\\\\f"));
    }

    @Test
    void unbracedReferencesAndOperatorsAreExpandedInEveryKindOfValue() throws Exception {
        assertThat(parse("A=x\nB=$A-$USER_NAME\nC='${A}'\nD=${NOPE-dflt}\nE=${A:+alt}\nF=${NOPE+alt}\n"
                + "G=${EMPTY:-e}\nH=price\\$5\n"))
                .containsExactly(Map.entry("A", "x"), Map.entry("B", "x-alice"), Map.entry("C", "x"),
                        Map.entry("D", "dflt"), Map.entry("E", "alt"), Map.entry("F", ""), Map.entry("G", "e"),
                        Map.entry("H", "price$5"));
    }

    @Test
    void referencesPreferTheEnvironmentOverEarlierKeys() throws Exception {
        assertThat(parse("SHARED=from-file\nB=${SHARED}\n"))
                .containsExactly(Map.entry("SHARED", "from-file"), Map.entry("B", "from-env"));
    }

    @Test
    void standardDialectPrefersEarlierKeysAndLeavesUnbracedDollarsAlone() throws Exception {
        DotenvParser standard = DotenvParser.builder().environment(Map.of("SHARED", "from-env")).build();
        assertThat(values(standard.parse("SHARED=from-file\nB=${SHARED}\nC=pa$$word$x\n", "s.env")))
                .containsExactly(Map.entry("SHARED", "from-file"), Map.entry("B", "from-file"),
                        Map.entry("C", "pa$$word$x"));
    }

    @Test
    void expansionCanBeTurnedOff() throws Exception {
        DotenvParser literal = DotenvParser.builder().expand(false).build();
        assertThat(values(literal.parse("A=x\nB=${A}\n", "l.env"))).containsEntry("B", "${A}");
        assertThat(literal.toString()).isEqualTo("DotenvParser[STANDARD, strict, no expansion]");
    }

    /** Results of dotenv-expand 1000.0.0 (dotenv 18.0.10) on the same input, run by hand: pinned here. */
    @Test
    void setButEmptyFollowsDotenvExpand1000() throws Exception {
        assertThat(parse("A=\nB=${A-def}\nC=${A+alt}\nD=${A:-def}\nE=${A:+alt}\nF=${U-def}\nG=${U+alt}\n"))
                .containsExactly(Map.entry("A", ""), Map.entry("B", ""), Map.entry("C", "alt"), Map.entry("D", "def"),
                        Map.entry("E", ""), Map.entry("F", "def"), Map.entry("G", ""));
    }

    /** Results of dotenv-expand 1000.0.0 and 13.0.0 on the same input: defaults nest. */
    @Test
    void nestedDefaultsExpandWhole() throws Exception {
        assertThat(parse("X=x\nN=${U:-${X:-c}}\nM=${U:-${V:-c}}\nK=${X:-${V:-c}}\nL=${U:-{x}\n"))
                .containsExactly(Map.entry("X", "x"), Map.entry("N", "x"), Map.entry("M", "c"), Map.entry("K", "x"),
                        Map.entry("L", "${U:-{x}"));
    }

    @Test
    void defaultsNestedTooDeepAreKeptWholeWithAWarning() throws Exception {
        String deep = "${U:-".repeat(Expander.MAX_NESTING + 2) + "c" + "}".repeat(Expander.MAX_NESTING + 2);
        DotenvResult result = NODE.parse("A=" + deep + "\n", "node.env");
        String value = result.find("A").orElseThrow().value().revealAsString();
        assertThat(value).isEqualTo("${U:-${U:-c}}"); // the reference 32 levels down, kept whole
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("node.env:1:1").contains("nests defaults more than 32 levels deep"));
    }
}
