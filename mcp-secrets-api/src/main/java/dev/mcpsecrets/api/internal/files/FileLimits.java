package dev.mcpsecrets.api.internal.files;

/**
 * The limits on every file this project reads, in one place so that the documentation (docs/cli.md,
 * "Limits") and the code cannot drift apart. Each file is read with {@link BoundedFiles}: only regular
 * files (a symlink counts as its target; named pipes, devices, sockets and directories are refused
 * without opening them), and never more bytes than the limit for its kind.
 */
public final class FileLimits {
    /** MCP client configs (JSON/JSONC), as {@code audit}, {@code usages}, {@code trust} and {@code run --config} read them. */
    public static final long MAX_CONFIG_BYTES = 32L * 1024 * 1024;
    /** {@code .env} files ({@code dotenv:} references, {@code dotenv} commands) and {@code run --env-file}. */
    public static final long MAX_DOTENV_BYTES = 64L * 1024 * 1024;
    /** A file named by a {@code file:} reference: it holds one secret. */
    public static final long MAX_SECRET_FILE_BYTES = 1024L * 1024;
    /** How deeply arrays and objects may nest in a config file. */
    public static final int MAX_JSON_DEPTH = 512;

    private FileLimits() {
    }

    /**
     * A size for humans.
     *
     * @param bytes a limit
     * @return e.g. {@code 32 MiB}, {@code 1 MiB}, {@code 512 bytes}
     */
    public static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
