package dev.mcpsecrets.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The current directory, also when its path is not valid in the locale's encoding. */
final class WorkingDirectory {
    private WorkingDirectory() {
    }

    /**
     * The current directory. When its path is not valid in the locale's encoding (bytes that are not
     * UTF-8), {@code user.dir} names a directory that does not exist and every project config would be
     * silently missed; on Linux the kernel's own link to it still has the right bytes.
     */
    static Path path() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd)) {
            return cwd;
        }
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/self/cwd"));
            if (link.isAbsolute() && Files.isDirectory(link)) {
                return link;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux: said below
        }
        throw new CliException(Main.USAGE, "the path of the current directory cannot be represented in this "
                + "locale's character encoding (it is not valid UTF-8?); run from another directory or name the "
                + "config files by absolute path");
    }

    /** A path given on the command line, made absolute against {@link #path()}. */
    static Path absolute(Path path) {
        return path.isAbsolute() ? path.normalize() : path().resolve(path).normalize();
    }
}
