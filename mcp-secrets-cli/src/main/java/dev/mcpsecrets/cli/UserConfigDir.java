package dev.mcpsecrets.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The user's own mcp-secrets directory ({@code $XDG_CONFIG_HOME/mcp-secrets}, else
 * {@code $HOME/.config/mcp-secrets}), taken from the environment the command was given so tests can
 * point it at a temporary directory. Created with mode 700; files written there get mode 600.
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

    /** Writes a file atomically: a private temporary file in the same directory, then a rename. */
    void writePrivate(String name, byte[] content) throws IOException {
        ensureDir();
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try {
            restrict(tmp, "rw-------");
            Files.write(tmp, content);
            Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        restrict(dir, "rwx------");
    }

    private static void restrict(Path p, String mode) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        }
    }
}
