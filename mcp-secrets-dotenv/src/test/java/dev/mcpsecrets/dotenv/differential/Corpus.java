package dev.mcpsecrets.dotenv.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hand-written differential corpus ({@code differential/corpus.txt}); see the file's header for its format. */
final class Corpus {
    private static final Pattern HEADER =
            Pattern.compile("### (\\S+)(?: \\[([a-z ]+)])?(?: \\{([^}]*)})?");

    private Corpus() {
    }

    /**
     * One case.
     *
     * @param name the case name
     * @param text the input
     * @param explained reference name ({@code node}, {@code python}) to the table rows that explain a disagreement
     */
    record Case(String name, String text, Map<String, Set<String>> explained) {
    }

    static List<Case> load() {
        String all;
        try (InputStream in = Corpus.class.getResourceAsStream("/differential/corpus.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        String[] lines = all.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("### ")) {
            i++;
        }
        while (i < lines.length) {
            Matcher header = HEADER.matcher(lines[i]);
            if (!header.matches()) {
                throw new IllegalStateException("bad corpus header: " + lines[i]);
            }
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.length && !lines[i].startsWith("### ")) {
                body.add(lines[i]);
                i++;
            }
            while (!body.isEmpty() && body.get(body.size() - 1).isEmpty() && i >= lines.length) {
                body.remove(body.size() - 1);
            }
            cases.add(new Case(header.group(1), render(body, header.group(2)), explanations(header.group(3))));
        }
        return cases;
    }

    private static String render(List<String> body, String flags) {
        Set<String> set = flags == null ? Set.of() : Set.of(flags.split(" "));
        String eol = set.contains("crlf") ? "\r\n" : set.contains("cr") ? "\r" : "\n";
        StringBuilder text = new StringBuilder(set.contains("bom") ? "\uFEFF" : "");
        for (int k = 0; k < body.size(); k++) {
            text.append(body.get(k).replace('⇥', '\t').replace('⍽', '\u00A0'));
            if (k < body.size() - 1 || !set.contains("noeol")) {
                text.append(eol);
            }
        }
        return text.toString();
    }

    private static Map<String, Set<String>> explanations(String spec) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        if (spec == null) {
            return map;
        }
        for (String part : spec.split(";")) {
            String[] kv = part.trim().split(":");
            map.put(kv[0].trim(), Set.of(kv[1].trim().split(",\\s*")));
        }
        return map;
    }
}
