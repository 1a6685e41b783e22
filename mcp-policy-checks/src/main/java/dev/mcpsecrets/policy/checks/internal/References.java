package dev.mcpsecrets.policy.checks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises secret references in config values, the fix rather than the problem: client
 * substitutions ({@code ${VAR}}, {@code ${env:VAR}}, {@code ${input:id}}), shell variables and
 * command substitutions, and the references of this project ({@code env:}, {@code op://},
 * {@code keychain:}, {@code dotenv:}, {@code file:}, {@code pass:}, {@code vault:}).
 */
final class References {
    /** Schemes whose values name a secret instead of holding it. */
    static final Set<String> SCHEMES = Set.of("env", "file", "dotenv", "keychain", "op", "pass", "vault", "aws-sm");

    /**
     * A client or shell substitution found in a value.
     *
     * @param kind {@code var} ({@code ${NAME}} or {@code $NAME}), {@code input} ({@code ${input:id}}),
     *     {@code command} ({@code $(...)} or backticks), or {@code template}: a placeholder of a template or a
     *     README that nothing fills ({@code {{name}}}, {@code %NAME%}, {@code <your-api-key>}), never a secret
     * @param name the variable name, input id, or the command text
     * @param hasDefault whether a default is given ({@code ${NAME:-x}})
     * @param start index of the {@code $}
     * @param end index after the substitution
     */
    record Substitution(String kind, String name, boolean hasDefault, int start, int end) {
    }

    private References() {
    }

    /**
     * Whether a whole value is a reference of this project, e.g. {@code op://Private/GitHub/token} or
     * {@code keychain:gh/token || env:GITHUB_TOKEN}.
     *
     * @param value the value
     * @return {@code true} if every alternative is {@code scheme:body} with a known scheme
     */
    static boolean isSchemeReference(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return false;
        }
        for (String part : v.split("\\|\\|", -1)) {
            String p = part.strip();
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1 || p.chars().anyMatch(Character::isWhitespace) && !p.startsWith("op://")) {
                return false;
            }
            if (!SCHEMES.contains(p.substring(0, colon).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The substitutions in a value, in order.
     *
     * @param value the value
     * @return the substitutions
     */
    static List<Substitution> substitutions(String value) {
        List<Substitution> out = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            int template = c == '{' || c == '%' || c == '<' ? templateEnd(value, i) : -1;
            if (template > 0) {
                out.add(new Substitution("template", value.substring(i, template), false, i, template));
                i = template;
            } else if (c == '`') {
                int close = value.indexOf('`', i + 1);
                int end = close < 0 ? n : close + 1;
                out.add(new Substitution("command", value.substring(i + 1, close < 0 ? n : close), false, i, end));
                i = end;
            } else if (c == '$' && i + 1 < n) {
                char d = value.charAt(i + 1);
                if (d == '{') {
                    int close = value.indexOf('}', i + 2);
                    if (close < 0) {
                        // no client expands an unclosed "${": the rest is literal text (and may be a
                        // secret, so it is neither named as a variable nor hidden from the scanners)
                        i += 2;
                        continue;
                    }
                    out.add(braced(value.substring(i + 2, close), i, close + 1));
                    i = close + 1;
                } else if (d == '(') {
                    int end = matchingParen(value, i + 1);
                    out.add(new Substitution("command", value.substring(i + 2, Math.max(i + 2, end - 1)), false, i, end));
                    i = end;
                } else if (Character.isLetter(d) || d == '_') {
                    int end = i + 1;
                    while (end < n && (Character.isLetterOrDigit(value.charAt(end)) || value.charAt(end) == '_')) {
                        end++;
                    }
                    out.add(new Substitution("var", value.substring(i + 1, end), false, i, end));
                    i = end;
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        return out;
    }

    /**
     * The end of a template placeholder starting at {@code i}: {@code {{name}}} (Mustache, Handlebars, Jinja),
     * {@code %NAME%} (Windows {@code cmd}), or {@code <your-api-key>} / {@code <TOKEN>} (a README's "fill in here",
     * letters first, at most 60 characters of letters, digits, blanks and {@code _ . -}), else -1.
     */
    private static int templateEnd(String value, int i) {
        int n = value.length();
        char c = value.charAt(i);
        if (c == '{') {
            if (i + 1 >= n || value.charAt(i + 1) != '{' || (i > 0 && value.charAt(i - 1) == '$')) {
                return -1;
            }
            int close = value.indexOf("}}", i + 2);
            return close > i + 2 && close - i <= 80 && isTemplateName(value, i + 2, close, true) ? close + 2 : -1;
        }
        // %NAME% and <name> only standing apart from other text, so that a password such as "a%bc%1" stays a value
        if (i > 0 && Character.isLetterOrDigit(value.charAt(i - 1))) {
            return -1;
        }
        char closer = c == '%' ? '%' : '>';
        int close = value.indexOf(closer, i + 1);
        boolean apart = close + 1 >= n || !Character.isLetterOrDigit(value.charAt(close + 1));
        return close > i + 1 && close - i <= 62 && apart && isTemplateName(value, i + 1, close, c == '<')
                ? close + 1 : -1;
    }

    private static boolean isTemplateName(String value, int from, int to, boolean words) {
        String name = value.substring(from, to).strip();
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || (words && (c == ' ' || c == '-' || c == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Substitution braced(String inner, int start, int end) {
        String body = inner.strip();
        if (body.startsWith("input:")) {
            return new Substitution("input", body.substring(6).strip(), false, start, end);
        }
        if (body.startsWith("env:")) {
            body = body.substring(4);
        }
        int op = 0;
        while (op < body.length() && (Character.isLetterOrDigit(body.charAt(op)) || body.charAt(op) == '_')) {
            op++;
        }
        return new Substitution("var", body.substring(0, op), op < body.length(), start, end);
    }

    private static int matchingParen(String value, int open) {
        int depth = 0;
        for (int i = open; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return value.length();
    }

    /**
     * The value with every substitution replaced by spaces of the same length, so scanning finds only
     * literal text and offsets still point into the original.
     *
     * @param value the value
     * @return the blanked value
     */
    static String blankSubstitutions(String value) {
        List<Substitution> subs = substitutions(value);
        if (subs.isEmpty()) {
            return value;
        }
        char[] chars = value.toCharArray();
        for (Substitution s : subs) {
            java.util.Arrays.fill(chars, s.start(), s.end(), ' ');
        }
        return new String(chars);
    }

    /**
     * The literal part of a value: empty when the whole value is a reference, else the value with its
     * substitutions blanked out.
     *
     * @param value the value
     * @return the text that may hold a plaintext secret
     */
    static String literalPart(String value) {
        return isSchemeReference(value) ? "" : blankSubstitutions(value);
    }
}
