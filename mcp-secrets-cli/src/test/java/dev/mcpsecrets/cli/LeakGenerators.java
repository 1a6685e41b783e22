package dev.mcpsecrets.cli;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for the leak hunt: planted values, hostile text around them, and hostile names. */
final class LeakGenerators {
    /** Pieces that break naive quoting, parsing, terminals and line-oriented logs. */
    static final List<String> HOSTILE = List.of(
            "\u0000", ":", "::", "\"", "'", "\\", "\\\"", "\\u0000", "\\q", "\n", "\r\n", "\r", "\t", " ",
            "\u001b[2J", "\u001b]0;owned\u0007", "\u0007", "\u009b31m", "\u0085", "\u2028", "\u202e", "\u200f",
            "\ufeff", "\ud83d\udd11", "\ud834\udd1e", "\u00e9", "\u4e2d", "||", " || ", "${", "${input:x}", "$(",
            "`", "@", "user:pw@", "?api_key=", "&token=", "#", "=", "%", "%0a", "//", "/*", "*/", "{", "}", "[",
            "]", ",", "--", "-k", "\u007f", "\u0001", "\u001f");

    /** Secret shapes the policy rules recognise; {@code %s} is the hostile text carrying the marker. */
    static final List<String> SHAPES = List.of(
            "%s",
            "ghp_%s",
            "github_pat_11ABCDEFG0%s",
            "sk-ant-api03-%s",
            "xoxb-1234567890-%s",
            "AKIA%s",
            "postgresql://app:%s@db.internal:5432/app",
            "https://x-access-token:%s@github.com/o/r.git",
            "https://mcp.example.com/sse?api_key=%s",
            "Bearer %s",
            "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----",
            "{\"type\":\"service_account\",\"private_key\":\"%s\"}");

    private LeakGenerators() {
    }

    static Arbitrary<String> marker() {
        return Arbitraries.strings().withChars(Planted.ALPHABET.toCharArray()).ofLength(12).map(s -> Planted.PREFIX + s);
    }

    /** Up to {@code max} hostile pieces or arbitrary characters (any code unit, lone surrogates too). */
    static Arbitrary<String> hostile(int max) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(HOSTILE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6)));
        return piece.list().ofMaxSize(max).map(l -> String.join("", l));
    }

    /** Planted values: hostile text, the marker, hostile text, put in a credential shape. */
    static Arbitrary<Planted> planted() {
        return Combinators.combine(marker(), hostile(4), hostile(4), Arbitraries.of(SHAPES))
                .as((marker, before, after, shape) -> new Planted(marker,
                        shape.replace("%s", notAVariableName(before) + marker + after)));
    }

    /**
     * Keeps the marker from becoming a variable's name: {@code ${PLANTED…}} in a config is a reference
     * to a variable of that name, which findings name by design, not a value.
     */
    private static String notAVariableName(String before) {
        return before.indexOf('$') >= 0 ? before + "%" : before;
    }

    /** Planted values that a line-oriented reader sees whole: no line breaks (for .env values and argv). */
    static Arbitrary<Planted> plantedOneLine() {
        return planted().map(p -> new Planted(p.marker(),
                p.text().replaceAll("[\r\n\u0085\u2028\u2029]", "")));
    }

    /** Names (servers, variables, keys, paths) with terminal controls in them: shown by design, but escaped. */
    static Arbitrary<String> hostileName() {
        Arbitrary<String> control = Arbitraries.of("\u001b[2J", "\u001b]0;owned\u0007", "\u0007", "\u009b31m",
                "\u0085", "\r", "\u001b[31m", "\u0090", "\u009d", "\u0008", "\u000b", "\u000c", "\u001b");
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), control,
                Arbitraries.strings().alpha().numeric().ofMaxLength(5)).as((a, c, b) -> a + c + b);
    }
}
