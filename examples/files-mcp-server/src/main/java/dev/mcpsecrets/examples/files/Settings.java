package dev.mcpsecrets.examples.files;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the server is told at start: the one directory it may list, and where its token comes from.
 *
 * @param name the server's name, as an MCP client config would call it
 * @param root the directory served (read-only)
 * @param tokenReference the secret reference of the API token, e.g. {@code keychain:files-mcp/token}
 */
record Settings(String name, Path root, String tokenReference) {
    static final String NAME = "files";
    static final String TOKEN_REF_VARIABLE = "FILES_TOKEN_REF";
    static final String DEFAULT_TOKEN_REF = "env:FILES_API_TOKEN";

    /** Reads {@code --root DIR} from the arguments and the token reference from the environment. */
    static Settings from(String[] args, Map<String, String> env) {
        Path root = null;
        for (int i = 0; i < args.length; i++) {
            if ("--root".equals(args[i]) && i + 1 < args.length) {
                root = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: files-mcp-server --root DIR");
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("missing --root DIR (the directory this server may list)");
        }
        String ref = env.getOrDefault(TOKEN_REF_VARIABLE, DEFAULT_TOKEN_REF);
        return new Settings(NAME, root.toAbsolutePath().normalize(), ref);
    }
}
