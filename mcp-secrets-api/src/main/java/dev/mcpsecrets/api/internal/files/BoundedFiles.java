package dev.mcpsecrets.api.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a whole file with the {@link FileLimits}: a named pipe would block the reader forever and
 * {@code /dev/zero} would fill the heap, so the file's kind is checked before it is opened (stat does
 * not block), the real path is opened without following links (so a link swapped in between is not
 * followed), and reading stops one byte past the limit whatever the file claims its size is.
 */
public final class BoundedFiles {
    private static final int MODE_TYPE_MASK = 0170000;
    private static final int MODE_FIFO = 0010000;
    private static final int MODE_CHARACTER_DEVICE = 0020000;
    private static final int MODE_BLOCK_DEVICE = 0060000;
    private static final int MODE_SOCKET = 0140000;

    private BoundedFiles() {
    }

    /**
     * Checks that a file is a regular file of at most {@code maxBytes}, without opening it.
     *
     * @param file the file (a symlink counts as its target)
     * @param maxBytes the limit
     * @return the file's attributes
     * @throws FileLimitException if it is not a regular file or is too large
     * @throws IOException if it does not exist or cannot be inspected
     */
    public static BasicFileAttributes check(Path file, long maxBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new FileLimitException(file, FileLimitException.Problem.NOT_A_REGULAR_FILE,
                    file + " is " + kind(file, attributes) + ", not a regular file; not read");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(file, maxBytes);
        }
        return attributes;
    }

    /**
     * Reads a regular file of at most {@code maxBytes}.
     *
     * @param file the file (a symlink counts as its target)
     * @param maxBytes the limit
     * @return the content; the caller owns (and may wipe) the array
     * @throws FileLimitException if it is not a regular file or is (or grows) too large
     * @throws IOException if it does not exist or cannot be read
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes = check(file, maxBytes);
        Path real = file.toRealPath();
        BasicFileAttributes target = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!target.isRegularFile() || !Objects.equals(target.fileKey(), attributes.fileKey())) {
            throw new FileLimitException(file, FileLimitException.Problem.NOT_A_REGULAR_FILE,
                    file + " changed while it was being opened; not read");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return read(channel, file, maxBytes);
        }
    }

    /**
     * Reads a file at a path free of symlinks, without following a symlink at its name: for callers that
     * resolved the path themselves (a writer's target, a config whose real path is recorded). The kind is
     * checked without opening it, so a named pipe is refused rather than waited on.
     *
     * @param real the path to open; a symlink there is refused, not followed
     * @param shown the file as the user named it, for the error message
     * @param maxBytes the limit
     * @return the content; the caller owns (and may wipe) the array
     * @throws FileLimitException if it is not a regular file or is (or grows) too large
     * @throws IOException if it does not exist or cannot be read
     */
    public static byte[] readNoFollow(Path real, Path shown, long maxBytes) throws IOException {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(shown, "shown");
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new FileLimitException(shown, FileLimitException.Problem.NOT_A_REGULAR_FILE, shown + " is "
                    + (attributes.isSymbolicLink() ? "a symbolic link" : kind(real, attributes))
                    + ", not a regular file; not read");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(shown, maxBytes);
        }
        try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return read(channel, shown, maxBytes);
        }
    }

    /**
     * Reads everything from an open file, at most {@code maxBytes} whatever the file claims its size is, so
     * that what is hashed, parsed and shown are the same bytes.
     *
     * @param channel the open file
     * @param shown the file as the user named it, for the error message
     * @param maxBytes the limit
     * @return the content; the caller owns (and may wipe) the array
     * @throws FileLimitException if the file is (or grows) larger than the limit
     * @throws IOException if it cannot be read
     */
    public static byte[] read(SeekableByteChannel channel, Path shown, long maxBytes) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(shown, "shown");
        long size = channel.size();
        if (size > maxBytes) {
            throw tooLarge(shown, maxBytes);
        }
        return readAtMost(Channels.newInputStream(channel), shown, maxBytes, (int) size);
    }

    private static byte[] readAtMost(InputStream in, Path file, long maxBytes, int expected) throws IOException {
        byte[] buffer = new byte[Math.max(expected + 1, 8192)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > maxBytes) {
                    Arrays.fill(buffer, (byte) 0);
                    throw tooLarge(file, maxBytes);
                }
                byte[] bigger = Arrays.copyOf(buffer, (int) Math.min(maxBytes + 1, (long) length * 2));
                Arrays.fill(buffer, (byte) 0);
                buffer = bigger;
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        if (length > maxBytes) {
            Arrays.fill(buffer, (byte) 0);
            throw tooLarge(file, maxBytes);
        }
        byte[] content = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, (byte) 0);
        return content;
    }

    private static FileLimitException tooLarge(Path file, long maxBytes) {
        return new FileLimitException(file, FileLimitException.Problem.TOO_LARGE,
                file + " is larger than " + FileLimits.describe(maxBytes) + "; not read");
    }

    /** What a file that is not a regular file is, for the message. */
    public static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & MODE_TYPE_MASK) {
                    case MODE_FIFO:
                        return "a named pipe (FIFO)";
                    case MODE_CHARACTER_DEVICE:
                        return "a character device";
                    case MODE_BLOCK_DEVICE:
                        return "a block device";
                    case MODE_SOCKET:
                        return "a socket";
                    default:
                        break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // no unix attribute view here: the generic description below will do
        }
        return "a special file";
    }
}
