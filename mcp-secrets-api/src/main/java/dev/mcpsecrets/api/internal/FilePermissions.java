package dev.mcpsecrets.api.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** POSIX permission rules for files that hold secrets, shared by the providers that read such files. */
public final class FilePermissions {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private FilePermissions() {
    }

    /**
     * The outcome of a check.
     *
     * @param ok whether the file passed
     * @param problem what is wrong (empty when ok)
     * @param fix the command that fixes it (empty when ok)
     */
    public record Verdict(boolean ok, String problem, String fix) {
        static final Verdict OK = new Verdict(true, "", "");
    }

    /**
     * A secret file must not be accessible to group or others. Symlinks are followed: the target counts.
     * On file systems without POSIX permissions (Windows) the check passes.
     *
     * @param path the file
     * @return the verdict
     */
    public static Verdict checkSecretFile(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
            loose.addAll(perms);
            loose.retainAll(GROUP_OR_OTHERS);
            if (loose.isEmpty()) {
                return Verdict.OK;
            }
            Path real = path.toRealPath();
            return new Verdict(false, real + " has mode " + mode(perms) + " and is accessible to group or others",
                    "chmod 600 " + shellQuote(real.toString()));
        } catch (UnsupportedOperationException e) {
            return Verdict.OK;
        } catch (IOException e) {
            return new Verdict(false, "cannot read the permissions of " + path, "ls -l " + shellQuote(path.toString()));
        }
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
     * Quotes a path for a POSIX shell command shown to the user.
     *
     * @param s the text
     * @return the text, single-quoted when it needs quoting
     */
    public static String shellQuote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-~+,:@%".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
