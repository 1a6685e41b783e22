package dev.mcpsecrets.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A reference to a secret: {@code scheme:body}, for example {@code env:GITHUB_TOKEN},
 * {@code file:/run/secrets/db}, {@code dotenv:BRAVE_API_KEY}, {@code keychain:github-mcp/token},
 * {@code op://Private/GitHub/token}, {@code pass:mcp/github-token} or {@code aws-sm:prod/github#token}. The scheme picks the provider; the body means what that
 * provider says it means.
 *
 * <p>A reference expression may chain alternatives with {@code ||}:
 * {@code keychain:gh/token || env:GITHUB_TOKEN}; see {@link #parseAlternatives(String)}.
 *
 * <p>Well-formed references are not secrets and may be logged. Text that fails to parse is never
 * echoed in errors, not even its would-be scheme, since it may be a value pasted by mistake; errors
 * give its length, the alternative and the column instead.
 *
 * @since 0.1
 */
public final class SecretRef {
    /** The schemes this project's own providers claim. */
    public static final Set<String> WELL_KNOWN_SCHEMES = Set.of("env", "file", "dotenv", "keychain", "op", "pass",
            "vault", "aws-sm");

    /** Separator of alternatives in a reference expression. */
    public static final String ALTERNATIVE_SEPARATOR = "||";

    private final String scheme;
    private final String body;

    private SecretRef(String scheme, String body) {
        this.scheme = scheme;
        this.body = body;
    }

    /**
     * Creates a reference from its parts.
     *
     * @param scheme lowercase scheme, {@code [a-z][a-z0-9+.-]*}
     * @param body the provider-specific part; not empty, no control characters, no surrounding spaces
     * @return the reference
     * @throws IllegalArgumentException if a part is invalid
     */
    public static SecretRef of(String scheme, String body) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(body, "body");
        try {
            return parse(scheme + ":" + body);
        } catch (MalformedRefException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Parses one reference (no {@code ||}), checking syntax only.
     *
     * @param text the reference
     * @return the reference
     * @throws MalformedRefException if the text is not a reference
     */
    public static SecretRef parse(String text) throws MalformedRefException {
        return parse(text, null);
    }

    /**
     * Parses one reference and checks that its scheme is among {@code knownSchemes}.
     *
     * @param text the reference
     * @param knownSchemes the schemes some provider claims, or {@code null} to accept any
     * @return the reference
     * @throws MalformedRefException if the text is not a reference or its scheme is unknown
     */
    public static SecretRef parse(String text, Collection<String> knownSchemes) throws MalformedRefException {
        List<SecretRef> refs = parseAlternatives(text, knownSchemes);
        if (refs.size() != 1) {
            throw new MalformedRefException(shown(text), text.indexOf(ALTERNATIVE_SEPARATOR),
                    "expected one reference, found " + refs.size() + " alternatives");
        }
        return refs.get(0);
    }

    /**
     * Parses a reference expression of one or more alternatives separated by {@code ||}.
     *
     * @param expression the expression
     * @return the alternatives, in order, at least one
     * @throws MalformedRefException if any alternative is malformed
     */
    public static List<SecretRef> parseAlternatives(String expression) throws MalformedRefException {
        return parseAlternatives(expression, null);
    }

    /**
     * Parses a reference expression and checks every scheme against {@code knownSchemes}.
     *
     * @param expression the expression
     * @param knownSchemes the schemes some provider claims, or {@code null} to accept any
     * @return the alternatives, in order, at least one
     * @throws MalformedRefException if any alternative is malformed or has an unknown scheme
     */
    public static List<SecretRef> parseAlternatives(String expression, Collection<String> knownSchemes)
            throws MalformedRefException {
        Objects.requireNonNull(expression, "expression");
        List<SecretRef> result = new ArrayList<>(2);
        int count = countAlternatives(expression);
        int start = 0;
        while (true) {
            int sep = expression.indexOf(ALTERNATIVE_SEPARATOR, start);
            int end = sep < 0 ? expression.length() : sep;
            String part = expression.substring(start, end);
            int lead = 0;
            while (lead < part.length() && Character.isWhitespace(part.charAt(lead))) {
                lead++;
            }
            int trail = part.length();
            while (trail > lead && Character.isWhitespace(part.charAt(trail - 1))) {
                trail--;
            }
            String where = count == 1 ? "" : ", alternative " + (result.size() + 1) + " of " + count;
            result.add(parseOne(expression, where, start + lead, part.substring(lead, trail), knownSchemes));
            if (sep < 0) {
                return List.copyOf(result);
            }
            start = sep + ALTERNATIVE_SEPARATOR.length();
        }
    }

    /**
     * Formats alternatives as an expression that {@link #parseAlternatives(String)} reads back.
     *
     * @param alternatives one or more references
     * @return {@code a || b || ...}
     */
    public static String formatAlternatives(List<SecretRef> alternatives) {
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("no alternatives");
        }
        return alternatives.stream().map(SecretRef::format).collect(Collectors.joining(" " + ALTERNATIVE_SEPARATOR + " "));
    }

    /**
     * Whether the text starts like a reference ({@code scheme:} with a syntactically valid scheme).
     * That alone does not make it safe to show: {@code admin:pw} starts like one.
     *
     * @param text any text
     * @return {@code true} if it has a scheme prefix
     */
    public static boolean looksLikeReference(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        return colon > 0 && isScheme(t.substring(0, colon));
    }

    /**
     * Whether the text is a well-formed reference expression (one reference, or alternatives separated by
     * {@code ||}) whose every scheme is one of {@code knownSchemes}: what a config value must be to be read
     * as a reference rather than as a literal value. Never throws for any text.
     *
     * @param text any text
     * @param knownSchemes the schemes that count, lowercase
     * @return {@code true} for a reference expression over those schemes
     * @since 0.2.0
     */
    public static boolean isReferenceExpression(String text, Collection<String> knownSchemes) {
        Objects.requireNonNull(knownSchemes, "knownSchemes");
        if (!looksLikeReference(text)) {
            return false;
        }
        try {
            parseAlternatives(text, knownSchemes);
            return true;
        } catch (MalformedRefException e) {
            return false;
        }
    }

    /**
     * Reports problems without quoting the text: a malformed reference may be a value pasted where a
     * reference was expected ({@code admin:pw}, {@code https://user:token@host}, {@code env:A || ghp_...}),
     * and even its would-be scheme may be part of it. The position and the known schemes say enough.
     */
    private static SecretRef parseOne(String whole, String where, int offset, String part,
            Collection<String> knownSchemes) throws MalformedRefException {
        String shown = shown(whole) + where;
        String hint = knownSchemes == null ? "" : "; known schemes: " + sorted(knownSchemes);
        if (part.isEmpty()) {
            throw new MalformedRefException(shown, offset, "empty reference");
        }
        int colon = part.indexOf(':');
        if (colon <= 0 || !isScheme(part.substring(0, colon))) {
            throw new MalformedRefException(shown, offset, "expected scheme:name, e.g. env:GITHUB_TOKEN" + hint);
        }
        String scheme = part.substring(0, colon);
        String body = part.substring(colon + 1);
        if (knownSchemes != null && !knownSchemes.contains(scheme)) {
            throw new MalformedRefException(shown, offset, "unknown scheme (not shown)" + hint);
        }
        if (body.isEmpty()) {
            String known = knownSchemes != null || WELL_KNOWN_SCHEMES.contains(scheme) ? "'" + scheme + ":'" : "the scheme";
            throw new MalformedRefException(shown, offset + colon + 1, "nothing after " + known);
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.isISOControl(body.charAt(i))) {
                throw new MalformedRefException(shown, offset + colon + 1 + i, "control character in reference");
            }
        }
        return new SecretRef(scheme, body);
    }

    private static int countAlternatives(String expression) {
        int count = 1;
        for (int i = expression.indexOf(ALTERNATIVE_SEPARATOR); i >= 0;
                i = expression.indexOf(ALTERNATIVE_SEPARATOR, i + ALTERNATIVE_SEPARATOR.length())) {
            count++;
        }
        return count;
    }

    private static boolean isScheme(String s) {
        if (s.isEmpty() || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String whole) {
        return MalformedRefException.notShown(whole.strip().length());
    }

    private static String sorted(Collection<String> schemes) {
        return String.join(", ", new TreeSet<>(schemes));
    }

    /**
     * The scheme, e.g. {@code env} or {@code op}.
     *
     * @return the scheme
     */
    public String scheme() {
        return scheme;
    }

    /**
     * Everything after the first colon, e.g. {@code GITHUB_TOKEN} or {@code //Private/GitHub/token}.
     *
     * @return the body
     */
    public String body() {
        return body;
    }

    /**
     * The canonical text, {@code scheme:body}; {@link #parse(String)} reads it back to an equal reference.
     *
     * @return the text
     */
    public String format() {
        return scheme + ":" + body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretRef other && scheme.equals(other.scheme) && body.equals(other.body);
    }

    @Override
    public int hashCode() {
        return 31 * scheme.hashCode() + body.hashCode();
    }

    /**
     * Same as {@link #format()}: references are not secrets.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return format();
    }
}
