package dev.mcpsecrets.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process was started with stdin closed ({@code <&-}). The JVM then opens its own files on
 * the lowest free descriptor, so descriptor 0 becomes one of them (e.g. {@code $JAVA_HOME/lib/modules}):
 * reading it, or handing it to a child, would pass a JDK file off as input. Linux tells through
 * {@code /proc/self/fd/0}; elsewhere the launcher script replaces a closed stdin with {@code /dev/null}.
 */
final class StandardInput {
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private StandardInput() {
    }

    /** {@code true} when descriptor 0 is a file this JVM opened for itself rather than the caller's stdin. */
    static boolean wasClosed() {
        Path target;
        try {
            target = Files.readSymbolicLink(FD0);
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return false;
        }
        if (!target.isAbsolute()) {
            return false; // pipe:[…], socket:[…], anon_inode:…
        }
        return isJvmFile(target);
    }

    /**
     * {@code true} when descriptor 0 is a terminal. Java 17's {@code System.console()} is null as soon as
     * stdout is redirected, even with stdin at a terminal, where reading would echo what is typed.
     */
    static boolean isTerminal() {
        try {
            String target = Files.readSymbolicLink(FD0).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return false;
        }
    }

    static boolean isJvmFile(Path target) {
        Path name = target.getFileName();
        if (name != null && name.toString().endsWith(".jsa")) {
            return true; // a class-data archive, e.g. the one recorded next to the jar
        }
        String home = System.getProperty("java.home");
        if (home != null && (target.startsWith(Path.of(home)) || target.startsWith(realPath(Path.of(home))))) {
            return true;
        }
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (!entry.isEmpty() && target.equals(realPath(Path.of(entry)))) {
                return true;
            }
        }
        return false;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
