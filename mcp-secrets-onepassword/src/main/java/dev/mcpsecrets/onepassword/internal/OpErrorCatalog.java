package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps what {@code op} prints on stderr to a {@link Reason}. The rules are data
 * ({@code op-errors.tsv} next to this class), each with the page or thread where its text was seen.
 */
final class OpErrorCatalog {
    /** One rule: a pattern, the reason it means, advice for the user, and where the text was seen. */
    record Rule(Reason reason, Pattern pattern, String advice, String source) {
    }

    private static final List<Rule> RULES = load();

    private OpErrorCatalog() {
    }

    /**
     * The rules in the order they are tried.
     *
     * @return the rules
     */
    static List<Rule> rules() {
        return RULES;
    }

    /**
     * The first rule whose pattern occurs in {@code stderr}.
     *
     * @param stderr what op printed
     * @return the rule, or {@code null} when the text is not recognised
     */
    static Rule classify(String stderr) {
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(stderr).find()) {
                return rule;
            }
        }
        return null;
    }

    private static List<Rule> load() {
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = OpErrorCatalog.class.getResourceAsStream("op-errors.tsv")) {
            if (in == null) {
                throw new IllegalStateException("op-errors.tsv is missing from the module");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != 4) {
                    throw new IllegalStateException("op-errors.tsv line " + number + ": expected 4 columns, found "
                            + cols.length);
                }
                rules.add(new Rule(Reason.valueOf(cols[0].strip().toUpperCase(Locale.ROOT)),
                        Pattern.compile(cols[1], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), cols[2].strip(),
                        cols[3].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rules);
    }
}
