package dev.mcpsecrets.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * MCP client configs with one planted value, in each client's dialect and at each value position, well
 * formed or broken in the ways hand-edited and pasted files are.
 */
final class LeakConfigs {
    /** Stands for the planted value inside a JSON string literal of a template. */
    static final String VALUE = "@@V@@";
    /** Stands for the server's name (a JSON string body). */
    static final String NAME = "@@N@@";
    /** Stands for the command (a JSON string body). */
    static final String COMMAND = "@@C@@";
    /**
     * A token every rule recognises, beside the planted value in command lines: its finding makes the
     * report print a fix for the entry, which is where an unrecognised argument would be copied.
     */
    static final String KNOWN_TOKEN_ARGS = "\"--github-token\", \"ghp_0123456789abcdefghijABCDEFGHIJ012345\", ";

    private LeakConfigs() {
    }

    /** Where a client keeps its config (relative to the sandbox root) and how it nests servers. */
    enum Dialect {
        CLAUDE_DESKTOP("xdg-config/Claude/claude_desktop_config.json", true, "mcpServers", "url", false),
        CLAUDE_CODE_USER("home/.claude.json", true, "mcpServers", "url", false),
        CLAUDE_CODE_PROJECT("work/.mcp.json", false, "mcpServers", "url", false),
        CURSOR_USER("home/.cursor/mcp.json", true, "mcpServers", "url", true),
        CURSOR_PROJECT("work/.cursor/mcp.json", false, "mcpServers", "url", true),
        VSCODE_USER("xdg-config/Code/User/mcp.json", true, "servers", "url", true),
        VSCODE_PROJECT("work/.vscode/mcp.json", false, "servers", "url", true),
        VSCODE_RENAMED("work/vscode-servers.json", false, "servers", "url", false),
        WINDSURF("home/.codeium/windsurf/mcp_config.json", true, "mcpServers", "serverUrl", false),
        GEMINI_USER("home/.gemini/settings.json", true, "mcpServers", "httpUrl", true),
        GENERIC("work/servers.json", false, "mcpServers", "url", false);

        final String path;
        /** Whether {@code audit} without arguments discovers it from the sandbox's HOME. */
        final boolean discovered;
        final String container;
        final String urlKey;
        final boolean comments;

        Dialect(String path, boolean discovered, String container, String urlKey, boolean comments) {
            this.path = path;
            this.discovered = discovered;
            this.container = container;
            this.urlKey = urlKey;
            this.comments = comments;
        }
    }

    /** The value positions of a server entry. */
    enum Slot {
        ENV(false, "\"command\": \"" + COMMAND + "\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"], "
                + "\"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + VALUE + "\", \"MODE\": \"fast\"}"),
        URL_USERINFO(false, "\"type\": \"http\", \"@URL@\": \"https://user:" + VALUE + "@mcp.example.com/mcp\""),
        URL_QUERY(false, "\"type\": \"http\", \"@URL@\": \"https://mcp.example.com/mcp?api_key=" + VALUE + "&x=1\""),
        HEADER(false, "\"type\": \"http\", \"@URL@\": \"https://mcp.example.com/mcp\", "
                + "\"headers\": {\"Authorization\": \"Bearer " + VALUE + "\", \"X-Api-Key\": \"" + VALUE + "\"}"),
        INPUT_DEFAULT(false, "\"command\": \"" + COMMAND + "\", \"env\": {\"TOKEN\": \"${input:tok}\", \"OTHER\": \""
                + VALUE + "\"}"),
        ARG_BARE(true, "\"command\": \"" + COMMAND + "\", \"args\": [" + KNOWN_TOKEN_ARGS + "\"-y\", \"some-mcp-server\", \"" + VALUE + "\"]"),
        ARG_FLAG_EQUALS(true, "\"command\": \"" + COMMAND + "\", \"args\": [" + KNOWN_TOKEN_ARGS + "\"-y\", \"some-mcp-server\", \"--api-key="
                + VALUE + "\"]"),
        ARG_DASH_K(true, "\"command\": \"" + COMMAND + "\", \"args\": [" + KNOWN_TOKEN_ARGS + "\"-y\", \"some-mcp-server\", \"-k\", \"" + VALUE
                + "\"]"),
        ARG_PAT(true, "\"command\": \"" + COMMAND + "\", \"args\": [" + KNOWN_TOKEN_ARGS + "\"-y\", \"@org/github-mcp\", \"--pat\", \"" + VALUE
                + "\", \"--toolsets\", \"repos\"]"),
        ARG_DATABASE_URL(true, "\"command\": \"" + COMMAND + "\", \"args\": [" + KNOWN_TOKEN_ARGS + "\"-y\", \"@modelcontextprotocol/server-postgres\", "
                + "\"postgresql://app:" + VALUE + "@db.internal:5432/app\"]"),
        ARG_SHELL(true, "\"command\": \"sh\", \"args\": [\"-c\", \"curl -s -H 'Authorization: Bearer " + VALUE
                + "' https://api.example.com/x | node server.js --token " + VALUE + "\"]"),
        ARG_RUN_ENV(true, "\"command\": \"mcp-secrets\", \"args\": [\"run\", \"--env\", \"TOKEN=" + VALUE
                + "\", \"--\", \"" + COMMAND + "\"]"),
        COMMAND_ITSELF(true, "\"command\": \"" + VALUE + "\", \"args\": []");

        final boolean commandLine;
        final String entry;

        Slot(boolean commandLine, String entry) {
            this.commandLine = commandLine;
            this.entry = entry;
        }

        /** Whether the entry is a stdio server whose command is not the planted value (so run may start it). */
        boolean startable() {
            return entry.contains(COMMAND);
        }
    }

    /** How the text around the planted value is broken. */
    enum Malformation {
        WELL_FORMED, RAW_UNESCAPED, UNTERMINATED_STRING, UNQUOTED_TOKEN, BAD_ESCAPE, TRUNCATED_AFTER_VALUE,
        TRUNCATED_IN_VALUE, RAW_NUL_BEFORE_MARKER, HUGE_LINE, VALUE_AS_KEY, TRAILING_COMMENT, SINGLE_QUOTED
    }

    /**
     * The config text.
     *
     * @param command the command of stdio entries (e.g. {@code npx}, or the sandbox's stub for run)
     */
    static String text(Dialect dialect, Slot slot, Malformation malformation, Planted planted, String serverName,
            String command) {
        String entry = slot.entry.replace("@URL@", dialect.urlKey).replace(COMMAND, escape(command));
        String servers = "\"" + dialect.container + "\": {\n    \"" + NAME + "\": {" + entry + "}"
                + (dialect.comments ? ",\n    // a trailing comma follows\n" : "\n") + "  }";
        String inputs = dialect.container.equals("servers") ? "\"inputs\": [{\"type\": \"promptString\", \"id\": \"tok\", "
                + "\"description\": \"Token\", \"password\": true" + (slot == Slot.INPUT_DEFAULT ? ", \"default\": \""
                + VALUE + "\"" : "") + "}],\n  " : "";
        String body = switch (dialect) {
            case CLAUDE_CODE_USER -> "{\n  \"numStartups\": 3,\n  \"projects\": {\"/home/leakhunt/app\": {\n  " + servers
                    + "}}\n}\n";
            case GEMINI_USER -> "{\n  // Gemini settings\n  \"theme\": \"Default\",\n  " + servers + "\n}\n";
            default -> "{\n  " + inputs + servers + "\n}\n";
        };
        body = body.replace(NAME, escape(serverName));
        return malform(body, malformation, planted);
    }

    private static String malform(String body, Malformation m, Planted planted) {
        String v = planted.text();
        String marker = planted.marker();
        switch (m) {
            case WELL_FORMED:
                return body.replace(VALUE, escape(v));
            case RAW_UNESCAPED:
                return body.replace(VALUE, v);
            case UNTERMINATED_STRING: {
                int at = body.indexOf(VALUE);
                int close = body.indexOf('"', at);
                return body.substring(0, at) + escape(v) + body.substring(close + 1).replace(VALUE, escape(v));
            }
            case UNQUOTED_TOKEN: {
                int at = body.indexOf(VALUE);
                int open = body.lastIndexOf('"', at);
                int close = body.indexOf('"', at);
                return body.substring(0, open) + body.substring(open + 1, at) + v.replace("\"", "")
                        + body.substring(at + VALUE.length(), close) + body.substring(close + 1).replace(VALUE, escape(v));
            }
            case BAD_ESCAPE:
                return body.replace(VALUE, "\\x" + escape(v) + "\\");
            case TRUNCATED_AFTER_VALUE: {
                String whole = body.replace(VALUE, escape(v));
                int at = whole.indexOf(marker) + marker.length();
                return whole.substring(0, Math.min(whole.length(), at + 2));
            }
            case TRUNCATED_IN_VALUE: {
                String whole = body.replace(VALUE, escape(v));
                return whole.substring(0, whole.indexOf(marker) + marker.length());
            }
            case RAW_NUL_BEFORE_MARKER:
                return body.replace(VALUE, escape(v).replace(marker, "\0" + marker));
            case HUGE_LINE:
                return body.replace(VALUE, "A".repeat(200_000) + escape(v) + "B".repeat(200_000));
            case VALUE_AS_KEY:
                return body.replace(VALUE, "x").replaceFirst("\\{",
                        java.util.regex.Matcher.quoteReplacement("{\"" + escape(v) + "\": 1, "));
            case TRAILING_COMMENT:
                return body.replace(VALUE, "x") + "// " + v.replace("\n", " ") + "\n/* " + v + "\n";
            case SINGLE_QUOTED: {
                int at = body.indexOf(VALUE);
                int open = body.lastIndexOf('"', at);
                int close = body.indexOf('"', at);
                return body.substring(0, open) + "'" + body.substring(open + 1, at) + escape(v)
                        + body.substring(at + VALUE.length(), close) + "'" + body.substring(close + 1).replace(VALUE, escape(v));
            }
            default:
                throw new IllegalArgumentException(m.name());
        }
    }

    static String escape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
