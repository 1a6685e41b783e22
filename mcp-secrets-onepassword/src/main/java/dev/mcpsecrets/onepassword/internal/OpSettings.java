package dev.mcpsecrets.onepassword.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/** The environment variables this module reads, and finding the {@code op} program. */
final class OpSettings {
    /** Path of the {@code op} program; when unset, {@code op} is looked up on {@code PATH}. */
    static final String OP_PATH = "MCP_SECRETS_OP_PATH";
    /** 1Password Connect server URL, e.g. {@code https://connect.internal:8443}. */
    static final String CONNECT_HOST = "OP_CONNECT_HOST";
    /** 1Password Connect access token; sent only as a bearer header, never logged. */
    static final String CONNECT_TOKEN = "OP_CONNECT_TOKEN";
    /** {@code true} allows a plain {@code http://} Connect host that is not loopback. */
    static final String CONNECT_ALLOW_HTTP = "MCP_SECRETS_OP_CONNECT_ALLOW_HTTP";

    private OpSettings() {
    }

    /** Where op is, or why it cannot be used. */
    record Located(Path path, String problem) {
    }

    /**
     * Finds {@code op}: {@value #OP_PATH} if set, else the first executable {@code op} on {@code PATH}.
     *
     * @param env the environment to read
     * @return the path, or a problem sentence
     */
    static Located locateOp(Map<String, String> env) {
        String configured = blankToNull(env.get(OP_PATH));
        if (configured != null) {
            Path p = Paths.get(configured);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? new Located(p, null)
                    : new Located(null, OP_PATH + " names " + configured + ", which is not an executable file");
        }
        String path = blankToNull(env.get("PATH"));
        if (path != null) {
            boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Paths.get(dir, windows ? "op.exe" : "op");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new Located(candidate, null);
                }
            }
        }
        return new Located(null, "op (1Password CLI) is not on PATH; install it "
                + "(https://developer.1password.com/docs/cli/get-started) or set " + OP_PATH + " to its path");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
