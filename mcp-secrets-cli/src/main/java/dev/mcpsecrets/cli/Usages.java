package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every credential-carrying value of the servers in some configs: references, and plaintext to fingerprint. */
final class Usages {
    /** Command-line words are searched for a leaked value but not listed as credentials of their own. */
    static final String ARG = "command line word ";
    /** So is a server's URL, which may carry {@code user:password@} or {@code ?api_key=}. */
    static final String URL = "url";

    private Usages() {
    }

    /**
     * One place a value is used.
     *
     * @param config the config file
     * @param server the server entry
     * @param where e.g. {@code env GITHUB_TOKEN}, {@code header Authorization}, {@code arg 3}
     * @param value the value as written (may be a secret: never printed)
     * @param reference whether the value is a secret reference
     */
    record Use(McpConfigFile config, McpServer server, String where, JsonValue.StringValue value, boolean reference) {
        /** Searched for a leaked value, but not listed as a credential of its own. */
        boolean searchOnly() {
            return where.startsWith(ARG) || where.equals(URL);
        }

        /** Whether the value holds the needle as written or, in a URL, once percent-escapes are decoded. */
        boolean holds(String needle) {
            String text = value.value();
            return text.contains(needle) || (where.equals(URL) && percentDecoded(text).contains(needle));
        }

        String place() {
            return value.location().display() + "  server " + server.label() + "  " + where;
        }
    }

    static List<Use> collect(List<McpConfigFile> configs, Set<String> schemes) {
        List<Use> uses = new ArrayList<>();
        for (McpConfigFile config : configs) {
            for (McpServer server : config.servers()) {
                for (Map.Entry<String, JsonValue.StringValue> e : server.env().entrySet()) {
                    add(uses, config, server, "env " + e.getKey(), e.getValue(), schemes);
                }
                for (Map.Entry<String, JsonValue.StringValue> e : server.headers().entrySet()) {
                    add(uses, config, server, "header " + e.getKey(), e.getValue(), schemes);
                }
                List<JsonValue.StringValue> line = server.commandLine();
                for (int i = 0; i < line.size(); i++) {
                    add(uses, config, server, ARG + i, line.get(i), schemes);
                }
                server.url().ifPresent(url -> add(uses, config, server, URL, url, schemes));
                runReferences(uses, config, server, schemes);
            }
        }
        return uses;
    }

    /** References handed to {@code mcp-secrets run --env NAME=REF} in the entry's own arguments. */
    private static void runReferences(List<Use> uses, McpConfigFile config, McpServer server, Set<String> schemes) {
        List<JsonValue.StringValue> args = server.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).value();
            if (a.equals("--")) {
                return;
            }
            String assignment = (a.equals("--env") || a.equals("-e")) && i + 1 < args.size() ? args.get(++i).value()
                    : a.startsWith("--env=") ? a.substring(6) : null;
            int eq = assignment == null ? -1 : assignment.indexOf('=');
            if (eq > 0 && RunCommand.isReference(assignment.substring(eq + 1), schemes)) {
                JsonValue.StringValue ref = new JsonValue.StringValue(assignment.substring(eq + 1).strip(),
                        args.get(i).location());
                uses.add(new Use(config, server, "run --env " + assignment.substring(0, eq), ref, true));
            }
        }
    }

    /** {@code %XX} escapes decoded as UTF-8; text that is not validly escaped is kept as it is. */
    static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int hi = text.charAt(i) == '%' && i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                run.write(hi * 16 + lo);
                i += 3;
                continue;
            }
            out.append(run.toString(java.nio.charset.StandardCharsets.UTF_8));
            run.reset();
            int cp = text.codePointAt(i);
            out.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return out.append(run.toString(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static void add(List<Use> uses, McpConfigFile config, McpServer server, String where,
            JsonValue.StringValue value, Set<String> schemes) {
        if (!value.value().isBlank()) {
            uses.add(new Use(config, server, where, value, RunCommand.isReference(value.value(), schemes)));
        }
    }
}
