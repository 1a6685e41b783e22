package dev.mcpsecrets.api.internal.files;

import dev.mcpsecrets.api.internal.files.FileSafety.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Who else can change a file: the rules ssh applies to {@code authorized_keys}, for the files whose
 * content decides what runs with the user's secrets (such as the trust store). The file and every
 * directory above it, up to the user's home directory or the root, must be owned by the user or root
 * and not writable by group or others; a directory writable by others is accepted only with the
 * sticky bit (as {@code /tmp}), where others cannot rename or remove entries they do not own.
 */
public final class PathSafety {
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private PathSafety() {
    }

    /**
     * Checks that nobody but the user (and root) can change a file or replace it.
     *
     * @param file the file or directory (a symlink is checked where it is and where it points)
     * @param user the current user's name
     * @param home the user's home directory, where the walk up stops; {@code null} to walk to the root
     * @return the violations, empty when the file is safe or the file system has no POSIX modes
     */
    public static List<Violation> checkNotWritableByOthers(Path file, String user, Path home) {
        List<Violation> violations = new ArrayList<>();
        try {
            Path real = file.toRealPath();
            Path realHome = home == null || !Files.isDirectory(home) ? null : home.toRealPath();
            Set<Path> dirs = new LinkedHashSet<>();
            if (real.getParent() != null) {
                ancestors(real.getParent(), realHome, dirs);
            }
            Path linkDir = file.toAbsolutePath().getParent();
            if (linkDir != null && Files.isDirectory(linkDir)) {
                ancestors(linkDir.toRealPath(), realHome, dirs);
            }
            check(real, Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS), user, violations);
            for (Path dir : dirs) {
                check(dir, true, user, violations);
            }
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixModes) {
            return List.of();
        } catch (IOException e) {
            violations.add(new Violation("cannot check who may change " + file + " (" + e.getClass().getSimpleName()
                    + ")", "ls -l " + FileSafety.shellQuote(file)));
        }
        return violations;
    }

    /**
     * Whether others could replace or plant entries in a directory: writable by group or others
     * without the sticky bit.
     *
     * @param dir the directory
     * @return the violation, or empty when only the owner can change its entries or it does not exist yet
     *     (it will then be created with mode 700)
     */
    public static Optional<Violation> checkNotShared(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            OptionalInt mode = mode(dir);
            if (mode.isEmpty()) {
                return Optional.empty();
            }
            int m = mode.getAsInt();
            if ((m & GROUP_OR_OTHERS_WRITE) != 0 && (m & STICKY) == 0) {
                return Optional.of(new Violation("directory " + dir + " has mode " + octal(m) + ": "
                        + writers(m) + " can replace or plant files in it (it has no sticky bit)",
                        "chmod go-w " + FileSafety.shellQuote(dir)));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Violation("cannot read the mode of directory " + dir + " ("
                    + e.getClass().getSimpleName() + ")", "ls -ld " + FileSafety.shellQuote(dir)));
        }
    }

    private static void ancestors(Path dir, Path stop, Set<Path> into) {
        for (Path d = dir; d != null; d = d.getParent()) {
            into.add(d);
            if (d.equals(stop)) {
                return;
            }
        }
    }

    private static void check(Path p, boolean directory, String user, List<Violation> violations) throws IOException {
        OptionalInt mode = mode(p);
        if (mode.isEmpty()) {
            throw new UnsupportedOperationException("no unix modes");
        }
        int m = mode.getAsInt();
        String what = directory ? "directory " + p : p.toString();
        String owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(user) && !owner.equals("root")) {
            violations.add(new Violation(what + " is owned by " + owner + ", not by the current user " + user
                    + " or root", "chown " + FileSafety.shellQuote(user) + " " + FileSafety.shellQuote(p)));
        }
        if ((m & GROUP_OR_OTHERS_WRITE) == 0 || directory && (m & STICKY) != 0) {
            return;
        }
        violations.add(new Violation(what + " has mode " + octal(m) + ": " + writers(m) + " can "
                + (directory ? "replace the files in it" : "change it"),
                directory ? "chmod go-w " + FileSafety.shellQuote(p) : "chmod 600 " + FileSafety.shellQuote(p)));
    }

    private static String writers(int mode) {
        boolean group = (mode & 0020) != 0;
        boolean others = (mode & 0002) != 0;
        return group && others ? "group and others" : group ? "group" : "others";
    }

    private static String octal(int mode) {
        return String.format("%o", mode & 07777);
    }

    /**
     * The permission bits including set-id and sticky, without following a symlink.
     *
     * @param p the path
     * @return the mode, or empty where the file system has no unix modes
     * @throws IOException if the path cannot be read
     */
    static OptionalInt mode(Path p) throws IOException {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer i ? OptionalInt.of(i) : OptionalInt.empty();
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return OptionalInt.empty();
        }
    }
}
