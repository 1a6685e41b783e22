package dev.mcpsecrets.dotenv.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that readers see either the old or the new content, never a mix, and a crash
 * leaves no half-written secret file: a temporary file in the same directory, created with mode 600,
 * written and forced to disk, then renamed over the target, then the directory forced.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} atomically with mode 600. A symlink is followed: its target is
     * replaced and the link kept. Missing parent directories are created with mode 700.
     *
     * @param target the file to replace or create
     * @param content the bytes to write (not kept)
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path real = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
        Path dir = real.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnlyDirectory());
        }
        Path temp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".tmp", ownerOnly());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] ownerOnlyDirectory() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))};
        }
        return new FileAttribute<?>[0];
    }

    /** Makes the rename durable; not every platform can open a directory, which is then fine to skip. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows and some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }
}
