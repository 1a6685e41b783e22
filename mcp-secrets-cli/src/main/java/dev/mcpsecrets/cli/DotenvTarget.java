package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.dotenv.DotenvFile;
import dev.mcpsecrets.dotenv.DotenvParseException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks the {@code .env} file of {@code dotenv set|remove} before it is edited, turning every way the file
 * can be unusable into one line naming the file and what is wrong (never its content) and exit code 1.
 */
final class DotenvTarget {
    private DotenvTarget() {
    }

    /** The file's content; a missing file is an empty one. */
    static DotenvFile load(Path target) {
        check(target);
        try {
            return DotenvFile.load(target);
        } catch (DotenvParseException e) {
            // file:line:column and what is wrong; the exception never carries the file's text
            throw new CliException(Main.FAILED, e.getMessage() + "; nothing written");
        } catch (IOException e) {
            throw new CliException(Main.FAILED, "cannot read " + target + ": " + reason(e) + "; nothing written");
        }
    }

    /** Refuses what cannot be a .env file before anything is read (a FIFO would block, a device never end). */
    private static void check(Path target) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            if (Files.isSymbolicLink(target)) {
                throw new CliException(Main.FAILED, "cannot use " + target
                        + ": it is a symbolic link to a file that does not exist; nothing written");
            }
            return; // created by the write
        } catch (IOException e) {
            throw new CliException(Main.FAILED, "cannot use " + target + ": " + reason(e) + "; nothing written");
        }
        if (attributes.isDirectory()) {
            throw new CliException(Main.FAILED, "cannot use " + target
                    + ": it is a directory; name a file, e.g. --file " + target.resolve(".env"));
        }
        if (!attributes.isRegularFile()) {
            throw new CliException(Main.FAILED, "cannot use " + target
                    + ": not a regular file (a FIFO, device or socket); nothing written");
        }
        if (attributes.size() > FileLimits.MAX_DOTENV_BYTES) {
            throw new CliException(Main.FAILED, "cannot use " + target + ": it is " + attributes.size()
                    + " bytes; a .env file may hold at most " + FileLimits.MAX_DOTENV_BYTES + "; nothing written");
        }
        if (!Files.isReadable(target)) {
            throw new CliException(Main.FAILED, "cannot read " + target + ": permission denied; nothing written");
        }
    }

    /** What went wrong, from the exception's type and the system's reason; never its free-form message. */
    static String reason(IOException e) {
        if (e instanceof FileLimitException limit) {
            // e.g. "is a named pipe (FIFO), not a regular file; not read": the bounded reader's own words
            return "it " + RunCommand.reason(limit);
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemLoopException || isLoop(e)) {
            return "too many levels of symbolic links (a symlink loop?)";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            if (reason.equals("Is a directory")) {
                return "it is a directory";
            }
            if (reason.equals("Not a directory")) {
                return "a part of the path is not a directory";
            }
            return ErrorHandler.oneLine(reason);
        }
        return e.getClass().getSimpleName();
    }

    private static boolean isLoop(IOException e) {
        return e instanceof FileSystemException fse && fse.getReason() != null
                && fse.getReason().toLowerCase(java.util.Locale.ROOT).contains("symbolic links");
    }
}
