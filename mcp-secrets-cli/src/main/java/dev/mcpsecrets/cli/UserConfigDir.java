package dev.mcpsecrets.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's own mcp-secrets directory ({@code $XDG_CONFIG_HOME/mcp-secrets}, else
 * {@code $HOME/.config/mcp-secrets}), taken from the environment the command was given so tests can
 * point it at a temporary directory. Created with mode 700 when first written to; its files get mode 600.
 */
final class UserConfigDir {
    private final Path dir;

    private UserConfigDir(Path dir) {
        this.dir = dir;
    }

    static UserConfigDir from(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return new UserConfigDir(Path.of(xdg, "mcp-secrets"));
        }
        String home = environment.get("HOME");
        if (home == null || home.isBlank()) {
            throw new CliException(Main.USAGE, "HOME is not set; cannot find the user's mcp-secrets settings");
        }
        return new UserConfigDir(Path.of(home, ".config", "mcp-secrets"));
    }

    Path path() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }
}
