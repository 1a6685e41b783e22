package dev.mcpsecrets.api.internal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * POSIX rules for files that hold secrets, one place for every module that reads or writes them:
 * a {@code .env} file must be a regular file owned by the current user with mode 600 or 400; a
 * dedicated secrets directory must be owned by the user and closed to group and others (700); a file
 * named by {@code file:} must at least be closed to group and others. Symlinks are resolved and the
 * target is what counts. Each problem comes with the exact command that fixes it. On file systems
 * without POSIX permissions every check passes.
 */
public final class FileSafety {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    /** Characters a shell word may hold unquoted; everything else is single-quoted. */
    private static final String SHELL_SAFE = "@%_+=:,./-";

    private FileSafety() {
    }

    /**
     * A failed rule.
     *
     * @param problem what is wrong, naming the file
     * @param fix the shell command that fixes it
     */
    public record Violation(String problem, String fix) {
    }

    /**
     * Checks a secrets file.
     *
     * @param file the file as configured (may be a symlink)
     * @param user the current user's name
     * @return the violations, empty when the file is safe
     */
    public static List<Violation> checkFile(Path file, String user) {
        List<Violation> violations = new ArrayList<>();
        try {
            Path real = file.toRealPath();
            String shown = describe(file, real);
            if (!Files.isRegularFile(real)) {
                violations.add(new Violation(shown + " is not a regular file", "ls -l " + shellQuote(real)));
                return violations;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(real);
            if (!perms.contains(PosixFilePermission.OWNER_READ) || !OWNER_READ_WRITE.containsAll(perms)) {
                violations.add(new Violation(shown + " has mode " + mode(perms) + "; a secrets file must have mode "
                        + "600 or 400", "chmod 600 " + shellQuote(real)));
            }
            checkOwner(real, shown, user, violations);
        } catch (UnsupportedOperationException noPosix) {
            return List.of();
        } catch (IOException e) {
            violations.add(new Violation("cannot check the permissions of " + file + " ("
                    + e.getClass().getSimpleName() + ")", "ls -l " + shellQuote(file)));
        }
        return violations;
    }

    /**
     * Checks a dedicated secrets directory such as {@code ~/.config/mcp-secrets}.
     *
     * @param dir the directory as configured (may be a symlink)
     * @param user the current user's name
     * @return the violations, empty when the directory is safe
     */
    public static List<Violation> checkDirectory(Path dir, String user) {
        List<Violation> violations = new ArrayList<>();
        try {
            Path real = dir.toRealPath();
            String shown = describe(dir, real);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(real);
            if (!OWNER_ONLY.containsAll(perms)) {
                violations.add(new Violation("directory " + shown + " has mode " + mode(perms)
                        + "; a secrets directory must have mode 700", "chmod 700 " + shellQuote(real)));
            }
            checkOwner(real, "directory " + shown, user, violations);
        } catch (UnsupportedOperationException noPosix) {
            return List.of();
        } catch (IOException e) {
            violations.add(new Violation("cannot check the permissions of directory " + dir + " ("
                    + e.getClass().getSimpleName() + ")", "ls -ld " + shellQuote(dir)));
        }
        return violations;
    }

    private static void checkOwner(Path real, String shown, String user, List<Violation> violations)
            throws IOException {
        String owner = Files.getOwner(real).getName();
        if (!owner.equals(user)) {
            violations.add(new Violation(shown + " is owned by " + owner + ", not by the current user " + user,
                    "chown " + shellQuote(user) + " " + shellQuote(real)));
        }
    }

    /**
     * Checks that a file is closed to group and others, the least a file named by {@code file:} must be.
     *
     * @param file the file (a symlink counts as its target)
     * @return the violation, or empty when the file is closed
     */
    public static Optional<Violation> checkNotShared(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (OWNER_ONLY.containsAll(perms)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            return Optional.of(new Violation(real + " has mode " + mode(perms) + " and is accessible to group or others",
                    "chmod 600 " + shellQuote(real)));
        } catch (UnsupportedOperationException noPosix) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Violation("cannot read the permissions of " + file, "ls -l " + shellQuote(file)));
        }
    }

    private static String describe(Path configured, Path real) {
        Path absolute = configured.toAbsolutePath().normalize();
        return absolute.equals(real) ? real.toString() : absolute + " (symlink to " + real + ")";
    }

    /**
     * Octal mode such as {@code 644}.
     *
     * @param perms the permissions
     * @return three octal digits
     */
    public static String mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= 1 << (8 - p.ordinal());
        }
        return String.format("%03o", m);
    }

    /**
     * Quotes a word (a path, a user name) for a POSIX shell command shown to the user.
     *
     * @param word the word; its {@code toString()} is quoted
     * @return the word as is when it is made of safe characters, else single-quoted
     */
    public static String shellQuote(Object word) {
        String s = word.toString();
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || SHELL_SAFE.indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
