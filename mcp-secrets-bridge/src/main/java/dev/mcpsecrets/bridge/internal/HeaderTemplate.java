package dev.mcpsecrets.bridge.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One header to add to every request, as written: literal text with references in braces
 * ({@code Bearer {op://Private/Notion/token}}), {@code ${VAR}} for an environment variable (as MCP
 * clients write it in configs), {@code {{} and {@code }}} for literal braces. Errors name the header
 * and the column, never the text: a malformed value may be a pasted credential.
 */
public final class HeaderTemplate {
    /** Headers the bridge sets itself, or that the HTTP client manages. */
    private static final Set<String> RESERVED = Set.of("accept", "content-type", "content-length", "host", "connection",
            "expect", "upgrade", "transfer-encoding", "mcp-session-id", "mcp-protocol-version", "last-event-id");

    /** One piece of the value: literal text, or the expression of a reference. */
    private record Part(String text, boolean reference) {
    }

    private final String name;
    private final List<Part> parts;

    private HeaderTemplate(String name, List<Part> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
    }

    /**
     * Reads {@code NAME: VALUE} as given to {@code --header}.
     *
     * @param line the option's argument
     * @param knownSchemes schemes some provider claims
     * @return the template
     * @throws BridgeFailure (usage) when malformed
     */
    public static HeaderTemplate parseLine(String line, Collection<String> knownSchemes) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw usage("--header must be 'NAME: VALUE' (the value is not shown)");
        }
        return parse(line.substring(0, colon).strip(), line.substring(colon + 1), knownSchemes);
    }

    /**
     * Reads one header's name and value template.
     *
     * @param name the header name
     * @param value the value as written; leading and trailing blanks are dropped, as HTTP does
     * @param knownSchemes schemes some provider claims
     * @return the template
     * @throws BridgeFailure (usage) when malformed
     */
    public static HeaderTemplate parse(String name, String value, Collection<String> knownSchemes) {
        checkName(name);
        String text = value.strip();
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                String variable = close < 0 ? "" : text.substring(i + 2, close);
                if (isVariableName(variable)) {
                    flush(literal, parts);
                    parts.add(new Part("env:" + variable, true));
                    i = close + 1;
                    continue;
                }
                literal.append(c);
                i++;
            } else if (c == '{') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                    continue;
                }
                int close = text.indexOf('}', i + 1);
                if (close < 0) {
                    throw usage(where(name, i) + "'{' has no closing '}' (write {{ for a literal brace)");
                }
                String expression = text.substring(i + 1, close).strip();
                try {
                    SecretRef.parseAlternatives(expression, knownSchemes);
                } catch (MalformedRefException e) {
                    throw usage(where(name, i) + "the reference in braces is not valid: " + e.getMessage()
                            + " (write {{ and }} for literal braces)");
                }
                flush(literal, parts);
                parts.add(new Part(expression, true));
                i = close + 1;
            } else if (c == '}') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                    continue;
                }
                throw usage(where(name, i) + "'}' without '{' (write }} for a literal brace)");
            } else {
                if (!allowedInValue(c)) {
                    throw usage(where(name, i) + "a control character, which no header value can hold");
                }
                literal.append(c);
                i++;
            }
        }
        flush(literal, parts);
        return new HeaderTemplate(name, parts);
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), false));
            literal.setLength(0);
        }
    }

    /** The header's name. */
    public String name() {
        return name;
    }

    /** The reference expressions in the value, in order (as {@code env:VAR} for {@code ${VAR}}). */
    public List<String> references() {
        return parts.stream().filter(Part::reference).map(Part::text).toList();
    }

    /**
     * Whether the value holds only literal text. A credential-like header written that way sits in
     * plain text wherever the command line or config is.
     */
    public boolean isLiteral() {
        return parts.stream().noneMatch(Part::reference);
    }

    /** Whether the name is one that usually carries a credential. */
    public boolean looksLikeCredential() {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
                || n.contains("token") || n.contains("key") || n.contains("secret") || n.contains("auth");
    }

    /**
     * The value with each reference replaced by its secret.
     *
     * @param secrets resolved secrets by expression
     * @return the header value
     * @throws BridgeFailure (secret unavailable) when a value cannot go into a header (a line break)
     */
    public String render(Map<String, Secret> secrets) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (!p.reference()) {
                sb.append(p.text());
                continue;
            }
            char[] value = secrets.get(p.text()).revealChars();
            try {
                for (char c : value) {
                    if (!allowedInValue(c)) {
                        throw new BridgeFailure(BridgeFailure.Kind.SECRET_UNAVAILABLE, "header '" + name + "': the value of {"
                                + p.text() + "} holds a control character (a line break?), which no header value can hold");
                    }
                }
                sb.append(value);
            } finally {
                java.util.Arrays.fill(value, '\0');
            }
        }
        return sb.toString();
    }

    /** The header as a reader may see it: its name and references, with literal text left out. */
    public String describe() {
        List<String> refs = references();
        return refs.isEmpty() ? "'" + name + "'" : "'" + name + "' (from {" + String.join("}, {", refs) + "})";
    }

    @Override
    public String toString() {
        return "HeaderTemplate[" + describe() + "]";
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw usage("a header has an empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                throw usage("header name at column " + (i + 1) + ": character not allowed in a header name"
                        + " (the name is not shown)");
            }
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw usage("header '" + name + "' is set by the bridge itself and cannot be given");
        }
    }

    private static boolean isVariableName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return s.charAt(0) < 128;
    }

    /**
     * RFC 9110 field values: visible characters, space and tab; no CR, LF, NUL or other controls, and
     * nothing beyond Latin-1, which HTTP/1.1 cannot carry as text.
     */
    private static boolean allowedInValue(char c) {
        return c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff);
    }

    private static String where(String name, int index) {
        return "header '" + name + "', column " + (index + 1) + " of the value: ";
    }

    private static BridgeFailure usage(String message) {
        return new BridgeFailure(BridgeFailure.Kind.USAGE, message);
    }
}
