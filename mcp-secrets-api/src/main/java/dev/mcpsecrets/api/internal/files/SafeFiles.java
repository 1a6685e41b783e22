package dev.mcpsecrets.api.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this project writes a private file (a {@code .env}, the trust store): atomically,
 * serialised between writers, and never through a symlink somebody else planted.
 *
 * <ul>
 * <li>{@link #target} resolves the path the user named once: a symlink there is the user's own and its
 *     real target is what gets replaced; everything afterwards works on that real path without following
 *     links.</li>
 * <li>{@link #locked} serialises read-modify-write cycles: an advisory lock on a sibling
 *     {@code NAME.lock} file (kept, never removed: removing it would let two writers hold two different
 *     locks) for other processes, plus a lock per file inside this JVM, where file locks do not exclude
 *     threads.</li>
 * <li>{@link #write} creates the temporary file with {@code O_CREAT|O_EXCL} and {@code O_NOFOLLOW}, mode
 *     600 and an unpredictable name, writes it through that one descriptor, forces it to disk and renames it
 *     over the target (a rename replaces a directory entry and follows no link), then forces the directory.
 *     A directory in which others can replace entries (group- or world-writable without the sticky bit) is
 *     refused or warned about, as the caller chooses.</li>
 * </ul>
 */
public final class SafeFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SafeFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final String LOCK_SUFFIX = ".lock";
    private static final Set<OpenOption> CREATE_EXCLUSIVE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> OPEN_LOCK = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    private SafeFiles() {
    }

    /** What to do when the target's directory lets others replace its entries. */
    public enum SharedDirectory {
        /** Refuse with {@link UnsafeDirectoryException}. */
        REFUSE,
        /** Log a warning and write anyway. */
        WARN
    }

    /** The directory of a file to write lets others replace or plant entries in it. */
    public static final class UnsafeDirectoryException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient FileSafety.Violation violation;

        UnsafeDirectoryException(FileSafety.Violation violation) {
            super(violation.problem() + "; fix: " + violation.fix());
            this.violation = violation;
        }

        /**
         * The rule that failed.
         *
         * @return the violation, with the command that fixes it
         */
        public FileSafety.Violation violation() {
            return violation;
        }
    }

    /** Work done while holding a file's lock. */
    @FunctionalInterface
    public interface LockedWork<T> {
        /**
         * Does the work.
         *
         * @return its result
         * @throws IOException if it fails
         */
        T run() throws IOException;
    }

    /**
     * The file to read and replace for a path the user named: the real target of a symlink, or the path
     * itself in the real directory it is in. Nothing is created; the writers create missing parent
     * directories with mode 700.
     *
     * @param named the path as the user gave it
     * @return an absolute path free of symlinks up to its last element
     * @throws IOException if the path is a dangling symlink or cannot be resolved
     */
    public static Path target(Path named) throws IOException {
        Path absolute = named.toAbsolutePath();
        if (Files.exists(absolute)) {
            return absolute.toRealPath();
        }
        if (Files.isSymbolicLink(absolute)) {
            throw new NoSuchFileException(absolute.toString(), null, "a symlink to a missing file");
        }
        Path normal = absolute.normalize();
        Path existing = normal.getParent();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(existing.relativize(normal));
    }

    /**
     * The lock file that serialises writers of a file.
     *
     * @param target the real path, see {@link #target}
     * @return {@code NAME.lock} beside it
     */
    public static Path lockFile(Path target) {
        return target.resolveSibling(target.getFileName() + LOCK_SUFFIX);
    }

    /**
     * Runs {@code work} holding the exclusive lock of {@code target} (waits for other holders, in this and in
     * other processes). Re-entrant within a thread.
     *
     * @param target the real path of the file to change, see {@link #target}
     * @param work what to do: read, edit, write
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws IOException if the lock file cannot be opened or {@code work} fails
     */
    public static <T> T locked(Path target, LockedWork<T> work) throws IOException {
        Path lockFile = lockFile(target);
        createDirectories(target.getParent());
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return work.run();
            }
            try (FileChannel channel = FileChannel.open(lockFile, OPEN_LOCK, ownerOnly())) {
                FileLock lock = channel.lock();
                try {
                    return work.run();
                } finally {
                    lock.release();
                }
            }
        } finally {
            local.unlock();
        }
    }

    /**
     * Reads a file without following a symlink at its name, with {@link BoundedFiles}' limit and errors.
     *
     * @param target the real path, see {@link #target}
     * @param limit the largest size accepted, in bytes (one of the {@link FileLimits})
     * @return the content, or empty when there is no such file
     * @throws FileLimitException if the path is a symlink or not a regular file, or is larger than {@code limit}
     * @throws IOException if it cannot be read
     */
    public static Optional<byte[]> read(Path target, long limit) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BoundedFiles.readNoFollow(target, target, limit));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    /**
     * Replaces {@code target} atomically with {@code content}, mode 600.
     *
     * @param target the real path, see {@link #target}
     * @param content the bytes to write (not kept)
     * @param shared what to do when others can replace entries in the target's directory
     * @throws UnsafeDirectoryException if the directory is shared and {@code shared} is {@code REFUSE}
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void write(Path target, byte[] content, SharedDirectory shared) throws IOException {
        Path dir = target.getParent();
        createDirectories(dir);
        Optional<FileSafety.Violation> open = PathSafety.checkNotShared(dir);
        if (open.isPresent()) {
            if (shared == SharedDirectory.REFUSE) {
                throw new UnsafeDirectoryException(open.get());
            }
            LOG.warn("{}; another user could swap the file being written: {}", open.get().problem(), open.get().fix());
        }
        byte[] random = new byte[12];
        for (int attempt = 0; ; attempt++) {
            RANDOM.nextBytes(random);
            Path temp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
            FileChannel channel;
            try {
                // O_CREAT|O_EXCL: fails on anything already there, a planted symlink included
                channel = FileChannel.open(temp, CREATE_EXCLUSIVE, ownerOnly());
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 10) {
                    throw taken;
                }
                continue;
            }
            try {
                Object created = fileKey(temp);
                // the descriptor from the exclusive creation is the one written: the name is never opened again
                try (channel) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                if (created != null && !created.equals(fileKey(target))) {
                    throw new IOException(target + " was replaced while being written; another user can change "
                            + "directory " + dir);
                }
                forceDirectory(dir);
                return;
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnlyDirectory());
        }
    }

    /** The identity (device and inode) of the entry itself, or {@code null} where the platform has none. */
    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
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
            LOG.debug("cannot sync directory {}", dir);
        }
    }
}
