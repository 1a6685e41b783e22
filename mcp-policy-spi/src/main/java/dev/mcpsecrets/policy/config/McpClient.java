package dev.mcpsecrets.policy.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The MCP clients whose config files are understood, with the JSON dialect each one reads.
 *
 * @since 0.1
 */
public enum McpClient {
    /** Claude Desktop: {@code claude_desktop_config.json}, strict JSON, {@code mcpServers}. */
    CLAUDE_DESKTOP("Claude Desktop", JsonDialect.STRICT),
    /** Claude Code: {@code ~/.claude.json} (top level and per project) and {@code .mcp.json}. */
    CLAUDE_CODE("Claude Code", JsonDialect.STRICT),
    /** Cursor: {@code ~/.cursor/mcp.json} and {@code .cursor/mcp.json}, JSONC. */
    CURSOR("Cursor", JsonDialect.JSONC),
    /** VS Code: {@code .vscode/mcp.json} with {@code servers} and {@code inputs}, JSONC. */
    VSCODE("VS Code", JsonDialect.JSONC),
    /** Windsurf: {@code ~/.codeium/windsurf/mcp_config.json}. */
    WINDSURF("Windsurf", JsonDialect.STRICT),
    /** Gemini CLI: {@code settings.json}, comments allowed. */
    GEMINI_CLI("Gemini CLI", JsonDialect.COMMENTS),
    /** A config of unknown origin, read as strict JSON with {@code mcpServers} or {@code servers}. */
    GENERIC("MCP config", JsonDialect.STRICT);

    private final String displayName;
    private final JsonDialect dialect;

    McpClient(String displayName, JsonDialect dialect) {
        this.displayName = displayName;
        this.dialect = dialect;
    }

    /**
     * The client's name for humans.
     *
     * @return e.g. {@code Claude Desktop}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * How messages name a config file of this client.
     *
     * @return e.g. {@code Claude Desktop config}, or {@code MCP config} for a config of no known client
     * @since 0.2.0
     */
    public String configName() {
        return displayName.endsWith(" config") ? displayName : displayName + " config";
    }

    /**
     * The JSON dialect the client reads its config in.
     *
     * @return the dialect
     */
    public JsonDialect dialect() {
        return dialect;
    }

    /**
     * Guesses the client from a file's name and parent directory, for files named on a command line.
     *
     * @param file the config file
     * @return the client, {@link #GENERIC} when the name says nothing
     */
    public static McpClient guess(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path parentPath = file.toAbsolutePath().getParent();
        String parent = parentPath == null || parentPath.getFileName() == null ? ""
                : parentPath.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("claude_desktop_config.json")) {
            return CLAUDE_DESKTOP;
        }
        if (name.equals(".claude.json") || name.equals(".mcp.json")) {
            return CLAUDE_CODE;
        }
        if (name.equals("mcp_config.json") && parent.equals("windsurf")) {
            return WINDSURF;
        }
        if (name.equals("mcp.json") && parent.equals(".cursor")) {
            return CURSOR;
        }
        if (name.equals("mcp.json") && (parent.equals(".vscode") || parent.equals("user"))) {
            return VSCODE;
        }
        if (name.equals("settings.json") && parent.equals(".gemini")) {
            return GEMINI_CLI;
        }
        return GENERIC;
    }
}
