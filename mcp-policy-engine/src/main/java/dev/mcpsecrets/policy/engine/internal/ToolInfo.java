package dev.mcpsecrets.policy.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Name and version of the tool, as written into reports. */
public final class ToolInfo {
    /** The tool name in reports. */
    public static final String NAME = "mcp-secrets";
    /** Where the project lives. */
    public static final String INFORMATION_URI = "https://github.com/mcp-secrets/mcp-secrets";
    private static final String VERSION = load();

    private ToolInfo() {
    }

    /**
     * The version of this library.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}
     */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
