package dev.mcpsecrets.policy.live.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the lines of MariaDB/MySQL {@code SHOW GRANTS}: {@code GRANT <privileges> ON <scope> TO
 * <grantee> [IDENTIFIED BY PASSWORD '<hash>'] [WITH GRANT OPTION]} and role grants
 * {@code GRANT `role` TO <grantee>}. Only privilege names and scopes are kept, never the rest of a
 * line (it may hold a password hash).
 */
final class MariaDbGrants {

    /**
     * One parsed line.
     *
     * @param privileges privilege names, upper case, column lists removed; empty for a role grant
     * @param scope the object, e.g. {@code *.*} or {@code `test`.*}; empty for a role grant
     * @param grantOption whether {@code WITH GRANT OPTION} (or {@code WITH ADMIN OPTION}) is given
     * @param roles the roles granted by a role grant line
     */
    record Grant(List<String> privileges, String scope, boolean grantOption, List<String> roles) {
        boolean isRoleGrant() {
            return !roles.isEmpty();
        }
    }

    private MariaDbGrants() {
    }

    /**
     * Parses one line.
     *
     * @param line a line of {@code SHOW GRANTS}
     * @return the grant, or empty for lines that grant nothing ({@code SET DEFAULT ROLE}, proxies)
     */
    static Optional<Grant> parse(String line) {
        String text = line.strip();
        if (!text.regionMatches(true, 0, "GRANT ", 0, 6)) {
            return Optional.empty();
        }
        String body = text.substring(6);
        int on = indexOfKeyword(body, " ON ");
        int to = indexOfKeyword(body, " TO ");
        if (to < 0) {
            return Optional.empty();
        }
        boolean grantOption = indexOfKeyword(body, " WITH GRANT OPTION") >= 0
                || indexOfKeyword(body, " WITH ADMIN OPTION") >= 0;
        if (on < 0 || on > to) {
            List<String> roles = new ArrayList<>();
            for (String r : splitTopLevel(body.substring(0, to))) {
                roles.add(unquoteAccount(r.strip()));
            }
            return Optional.of(new Grant(List.of(), "", grantOption, roles));
        }
        if (body.substring(0, on).strip().toUpperCase(Locale.ROOT).startsWith("PROXY")) {
            return Optional.empty();
        }
        Set<String> privileges = new LinkedHashSet<>();
        for (String p : splitTopLevel(body.substring(0, on))) {
            String name = p.replaceAll("\\([^)]*\\)", "").strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            privileges.add(name.equals("ALL") ? "ALL PRIVILEGES" : name);
        }
        String scope = body.substring(on + 4, to).strip();
        return Optional.of(new Grant(List.copyOf(privileges), scope, grantOption, List.of()));
    }

    /** A role or account name as {@code SHOW GRANTS FOR} accepts it, e.g. {@code `r`} or {@code `u`@`%`}. */
    static String quoteAccount(String name) {
        int at = name.indexOf('@');
        if (at < 0) {
            return quote(name);
        }
        return quote(name.substring(0, at)) + "@" + quote(name.substring(at + 1));
    }

    private static String quote(String part) {
        return "`" + part.replace("`", "``") + "`";
    }

    private static String unquoteAccount(String text) {
        StringBuilder sb = new StringBuilder();
        boolean inQuote = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuote) {
                if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    sb.append(c);
                    i++;
                } else if (c == quote) {
                    inQuote = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '`' || c == '\'' || c == '"') {
                inQuote = true;
                quote = c;
            } else if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Index of a keyword outside quotes and parentheses, case-insensitive, or -1. */
    private static int indexOfKeyword(String s, String keyword) {
        List<Integer> at = topLevel(s, i -> s.regionMatches(true, i, keyword, 0, keyword.length()));
        return at.isEmpty() ? -1 : at.get(0);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int comma : topLevel(s, i -> s.charAt(i) == ',')) {
            parts.add(s.substring(start, comma));
            start = comma + 1;
        }
        parts.add(s.substring(start));
        return parts.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** The positions outside quoted names and parentheses where the test holds, in order. */
    private static List<Integer> topLevel(String s, java.util.function.IntPredicate test) {
        List<Integer> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '`' || c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && test.test(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
