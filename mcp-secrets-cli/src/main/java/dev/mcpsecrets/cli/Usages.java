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
        boolean commandLineWord() {
            return where.startsWith(ARG);
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

    private static void add(List<Use> uses, McpConfigFile config, McpServer server, String where,
            JsonValue.StringValue value, Set<String> schemes) {
        if (!value.value().isBlank()) {
            uses.add(new Use(config, server, where, value, RunCommand.isReference(value.value(), schemes)));
        }
    }
}
