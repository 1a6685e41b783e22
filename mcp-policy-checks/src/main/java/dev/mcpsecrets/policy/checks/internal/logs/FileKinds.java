package dev.mcpsecrets.policy.checks.internal.logs;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/** Opening log files safely: regular files only, never through a link, gzip read transparently. */
final class FileKinds {
    private FileKinds() {
    }

    /** What a path that is not a regular file is, without following a link there. */
    static String describe(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return "a symbolic link; not followed";
            }
            return BoundedFiles.kind(p, a) + "; not read";
        } catch (IOException | SecurityException e) {
            return "cannot be inspected (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Whether the name says gzip. */
    static boolean isGzip(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * Opens a regular file for reading without following a link at its name (a pipe is refused before it is
     * opened, so the open never blocks), checking that what was opened is what was inspected.
     *
     * @param p the file
     * @return the stream, decompressed when the name ends in {@code .gz}
     * @throws IOException if it is not a regular file, changed, or cannot be read
     */
    static InputStream open(Path p) throws IOException {
        BasicFileAttributes before = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!before.isRegularFile()) {
            throw new NotRegularFileException(describe(p));
        }
        SeekableByteChannel channel = Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            BasicFileAttributes after = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!Objects.equals(before.fileKey(), after.fileKey())) {
                throw new NotRegularFileException("replaced while it was being opened; not read");
            }
            InputStream in = Channels.newInputStream(channel);
            return isGzip(p) ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
