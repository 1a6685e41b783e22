package dev.mcpsecrets.policy.internal;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads or creates the per-user fingerprint key file (mode 600, directory 700). */
public final class FingerprintKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(FingerprintKeyStore.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** Far above any key size; a file larger than this is not a key file. */
    private static final long MAX_KEY_FILE_BYTES = 4096;

    private FingerprintKeyStore() {
    }

    /**
     * Returns the key in the file, creating the file with a random key first if it does not exist.
     *
     * @param keyFile the key file
     * @param size the key size in bytes
     * @return the key bytes (the caller wipes them)
     * @throws IOException if the file cannot be read or created, has the wrong size, or is readable
     *     by group or others
     */
    public static byte[] loadOrCreate(Path keyFile, int size) throws IOException {
        if (!Files.exists(keyFile)) {
            create(keyFile, size);
        }
        checkPermissions(keyFile);
        // bounded, regular files only: a FIFO or device planted there must not hang or exhaust the audit
        byte[] bytes = BoundedFiles.read(keyFile, MAX_KEY_FILE_BYTES);
        if (bytes.length != size) {
            Arrays.fill(bytes, (byte) 0);
            throw new IOException("fingerprint key " + keyFile + " has " + bytes.length + " bytes instead of " + size
                    + "; delete it to have a new one created (reports made with the old key will no longer match)");
        }
        return bytes;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void create(Path keyFile, int size) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        byte[] key = new byte[size];
        new SecureRandom().nextBytes(key);
        // Written to a private temporary file, then linked into place: a concurrent reader never sees a
        // half-written key, and when two processes race the first link wins and both use its key. The
        // temporary file is created exclusively under a random name and written through the descriptor
        // that created it, never reopened by name (which would follow a symlink swapped in meanwhile).
        Path tmp = dir.resolve(".fingerprint-" + Long.toUnsignedString(new SecureRandom().nextLong(), 36) + ".tmp");
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try (SeekableByteChannel out = posix()
                    ? Files.newByteChannel(tmp, options, ownerOnly())
                    : Files.newByteChannel(tmp, options)) {
                ByteBuffer buffer = ByteBuffer.wrap(key);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            try {
                try {
                    Files.createLink(keyFile, tmp);
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, keyFile);
                }
                LOG.info("created the fingerprint key {}", keyFile);
            } catch (FileAlreadyExistsException e) {
                LOG.debug("fingerprint key {} was created concurrently; using it", keyFile);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    private static void checkPermissions(Path keyFile) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        perms.addAll(Files.getPosixFilePermissions(keyFile));
        perms.retainAll(GROUP_OR_OTHERS);
        if (!perms.isEmpty()) {
            throw new IOException("fingerprint key " + keyFile + " is accessible to group or others (mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))
                    + "); fix it with: chmod 600 '" + keyFile.toString().replace("'", "'\\''") + "'");
        }
    }
}
