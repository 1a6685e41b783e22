package dev.mcpsecrets.dotenv.differential;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generator of {@code .env} files in the portable subset on which Node's dotenv, python-dotenv and
 * our parser are all meant to agree: unique keys, {@code export}, comments, blank lines, indentation, bare,
 * single- and double-quoted values (with literal newlines and {@code \n}), trailing comments,
 * {@code ${KEY}} references to earlier keys and to the reference environment, LF or CRLF line ends.
 */
final class PortableFiles {
    private static final String BARE = "ABCXYZabcxyz0129_./:@+,=-";
    private static final String QUOTABLE = BARE + " #";

    private PortableFiles() {
    }

    static Arbitrary<String> files() {
        Arbitrary<List<String>> lines = Arbitraries.integers().between(0, 14)
                .flatMap(n -> Combinators.combine(Arbitraries.integers().between(0, 1_000_000).list().ofSize(n),
                        Arbitraries.integers().between(0, 99).list().ofSize(n),
                        Arbitraries.strings().withChars(QUOTABLE).ofMaxLength(12).list().ofSize(n),
                        Arbitraries.strings().withChars(QUOTABLE + "'\"").ofMaxLength(12).list().ofSize(n))
                        .as(PortableFiles::render));
        return Combinators.combine(lines, Arbitraries.of(false, true))
                .as((list, crlf) -> String.join("", list).replace("\n", crlf ? "\r\n" : "\n"));
    }

    private static List<String> render(List<Integer> seeds, List<Integer> kinds, List<String> words, List<String> quotedWords) {
        String[] out = new String[seeds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = line(i, seeds.get(i), kinds.get(i), words.get(i), quotedWords.get(i));
        }
        return List.of(out);
    }

    /** Keys are unique per file and computable from the line index, so references can name earlier keys. */
    private static String key(int index) {
        String suffix = Integer.toString(index * 7919 % 1000, 36).toUpperCase(Locale.ROOT);
        return (index % 4 == 3 ? "k" + index + ".x" : "K" + index) + "_" + suffix;
    }

    private static String line(int index, int seed, int kind, String word, String quotedWord) {
        String indent = seed % 7 == 0 ? "  " : "";
        String export = seed % 5 == 0 ? "export " : "";
        String head = indent + export + key(index) + (seed % 11 == 0 ? " = " : "=");
        String bare = word.replace(" ", "").replace("#", "");
        String noSingle = quotedWord.replace("'", "");
        String noDouble = quotedWord.replace("\"", "");
        String comment = seed % 3 == 0 ? " # note " + seed : "";
        if (kind < 10) {
            return "# comment " + quotedWord + "\n";
        }
        if (kind < 15) {
            return "\n";
        }
        if (kind < 35) {
            return head + bare + (bare.isEmpty() ? "" : comment) + "\n";
        }
        if (kind < 50) {
            return head + "'" + noSingle + (seed % 4 == 0 ? "\n" + noSingle : "") + "'" + comment + "\n";
        }
        if (kind < 70) {
            String inner = noDouble + (seed % 4 == 0 ? "\\n" : "") + (seed % 6 == 0 ? "\n" + noDouble : "");
            return head + "\"" + inner + "\"" + comment + "\n";
        }
        if (kind < 80) {
            return head + "\"" + noDouble + "${REF_USER}" + "\"" + comment + "\n";
        }
        if (kind < 90) {
            return head + bare + "${NOT_DEFINED_" + seed % 10 + ":-" + bare + "x}" + comment + "\n";
        }
        String target = index == 0 ? "REF_HOME" : key(seed % index);
        return head + bare + "${" + target + "}" + comment + "\n";
    }
}
