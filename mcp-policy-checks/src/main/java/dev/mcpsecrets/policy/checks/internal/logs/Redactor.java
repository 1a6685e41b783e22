package dev.mcpsecrets.policy.checks.internal.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Removes secrets from a log in place: {@code mcp-secrets redact}. The file is opened once, without
 * following a link, and everything happens through that descriptor: it is scanned, the redacted text is
 * spooled to a private temporary file next to it (the spool holds no secret), then written back over the
 * original from its first byte and the file truncated to the new length. The inode stays the same, so a
 * process holding the file open, and every hard link, sees the redacted bytes, and no copy of the old bytes
 * is left behind by a rename. A gzip file is rewritten as gzip. A backup (mode 600, holding the secrets)
 * is made only when asked.
 */
public final class Redactor {
    private Redactor() {
    }

    /**
     * What a redaction did.
     *
     * @param leaks what was found, in order (lines and kinds, never values)
     * @param rewritten whether the file was changed
     * @param backup the backup, when one was made
     * @param bytesBefore the file's size before
     * @param bytesAfter its size after
     */
    public record Result(List<Leak> leaks, boolean rewritten, Path backup, long bytesBefore, long bytesAfter) {
        /**
         * Copies the list.
         *
         * @param leaks the leaks
         * @param rewritten whether rewritten
         * @param backup the backup or {@code null}
         * @param bytesBefore size before
         * @param bytesAfter size after
         */
        public Result {
            leaks = List.copyOf(leaks);
        }
    }

    /** The file changed while it was read (a client still writing to it); nothing was changed. */
    public static final class ChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        ChangedException(String message) {
            super(message);
        }
    }

    /**
     * Redacts a file (or, with {@code dryRun}, only lists what would be redacted).
     *
     * @param file the file
     * @param scanner what to look for
     * @param backup whether to keep a mode-600 copy of the original first
     * @param dryRun whether to only scan
     * @return what was done
     * @throws IOException if the file is not a regular file, cannot be read or written, or changed meanwhile
     */
    public static Result redact(Path file, LeakScanner scanner, boolean backup, boolean dryRun) throws IOException {
        Objects.requireNonNull(file, "file");
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile()) {
            throw new NotRegularFileException(file + " is " + FileKinds.describe(file));
        }
        boolean gzip = FileKinds.isGzip(file);
        List<Leak> leaks = new ArrayList<>();
        Consumer<Leak> sink = leaks::add;
        try (FileChannel channel = dryRun ? FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            if (!Objects.equals(attrs.fileKey(),
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey())) {
                throw new ChangedException(file + " was replaced while it was being opened; nothing was changed");
            }
            long before = channel.size();
            if (dryRun) {
                scanner.scan(input(channel, gzip), sink, null, Budget.unlimited());
                return new Result(leaks, false, null, before, before);
            }
            Path dir = file.toAbsolutePath().getParent();
            Path spool = Files.createTempFile(dir, ".mcp-secrets-redact-", ".tmp", ownerOnly());
            try {
                try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(spool, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS), 1 << 16);
                        OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
                    scanner.scan(input(channel, gzip), sink, out, Budget.unlimited());
                }
                if (leaks.isEmpty()) {
                    return new Result(leaks, false, null, before, before);
                }
                if (channel.size() != before) {
                    throw new ChangedException(file + " grew while it was read (the client is still writing to it): "
                            + "quit the client and run again; nothing was changed");
                }
                Path copy = backup ? backup(file, channel, before) : null;
                long after = writeBack(spool, channel);
                return new Result(leaks, true, copy, before, after);
            } finally {
                Files.deleteIfExists(spool);
            }
        }
    }

    private static InputStream input(FileChannel channel, boolean gzip) throws IOException {
        channel.position(0);
        InputStream in = Channels.newInputStream(channel);
        // not closed here: closing it would close the channel, which the caller still writes through
        return gzip ? new GZIPInputStream(new NonClosing(in), 1 << 16) : new NonClosing(in);
    }

    /** Writes the spool over the file from its first byte, truncates it there and forces it to disk. */
    private static long writeBack(Path spool, FileChannel channel) throws IOException {
        long written = 0;
        try (FileChannel in = FileChannel.open(spool, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            channel.position(0);
            while (in.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    written += channel.write(buffer);
                }
                buffer.clear();
            }
        }
        channel.truncate(written);
        channel.force(true);
        return written;
    }

    /** A copy of the original beside it, created new with mode 600, before anything is overwritten. */
    private static Path backup(Path file, FileChannel channel, long size) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path target = file.resolveSibling(file.getFileName() + ".redact-backup-" + stamp);
        try (FileChannel out = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), ownerOnly())) {
            long copied = 0;
            while (copied < size) {
                long n = channel.transferTo(copied, size - copied, out);
                if (n <= 0) {
                    break;
                }
                copied += n;
            }
            out.force(true);
        }
        return target;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    /** A stream whose close leaves the channel open. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the channel is closed by its owner
        }
    }
}
