package dev.mcpsecrets.api;

/**
 * The providers that ship in this module, for embedders that turn discovery off.
 *
 * @since 0.1
 */
public final class BuiltInProviders {
    private BuiltInProviders() {
    }

    /**
     * {@code env:NAME}: an environment variable of the resolve context.
     *
     * @return a new provider with id {@code mcp-env}
     */
    public static SecretProvider environment() {
        return new BuiltInEnvironmentProvider();
    }

    /**
     * {@code file:PATH}: the contents of a file, one trailing newline trimmed. Relative names are
     * looked up in systemd's {@code $CREDENTIALS_DIRECTORY} first. Files readable by group or others
     * are refused in production and logged as a warning otherwise.
     *
     * @return a new provider with id {@code mcp-file}
     */
    public static SecretProvider files() {
        return new BuiltInFileProvider();
    }
}
