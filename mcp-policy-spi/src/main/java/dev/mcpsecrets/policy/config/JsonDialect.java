package dev.mcpsecrets.policy.config;

/**
 * Which relaxations of JSON a client accepts when it reads its config. Relaxations the dialect does
 * not accept are still parsed (so the rest of the file can be checked) but are reported as
 * {@link ParseProblem}s, because the client itself would reject the file.
 *
 * @since 0.1
 */
public enum JsonDialect {
    /** RFC 8259 JSON, as read by {@code JSON.parse} (Claude Desktop, Claude Code, Windsurf). */
    STRICT(false, false),
    /** JSON with comments but no trailing commas (Gemini CLI strips comments before parsing). */
    COMMENTS(true, false),
    /** JSON with comments and trailing commas, as VS Code and Cursor read their settings. */
    JSONC(true, true);

    private final boolean comments;
    private final boolean trailingCommas;

    JsonDialect(boolean comments, boolean trailingCommas) {
        this.comments = comments;
        this.trailingCommas = trailingCommas;
    }

    /**
     * Whether {@code //} and {@code /* *&#47;} comments are accepted.
     *
     * @return {@code true} if accepted
     */
    public boolean allowsComments() {
        return comments;
    }

    /**
     * Whether a comma before {@code ]} or {@code }} is accepted.
     *
     * @return {@code true} if accepted
     */
    public boolean allowsTrailingCommas() {
        return trailingCommas;
    }
}
