package dev.mcpsecrets.api.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared private-file writer: never through a symlink nobody named, serialised, shared directories refused. */
class SafeWriteTest {
    private static final byte[] SECRET = "TOKEN=planted-secret-value\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions are not supported on this file system");
    }

    @Test
    void userNamedSymlinkHasItsRealTargetReplacedAndTheLinkKept() throws Exception {
        Path real = Files.writeString(Files.createDirectories(tmp.resolve("store")).resolve("real.env"), "OLD=1\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.env"), real);
        Path target = SafeFiles.target(link);
        assertThat(target).isEqualTo(real.toRealPath());
        SafeFiles.write(target, SECRET, SafeFiles.SharedDirectory.REFUSE);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(real)).isEqualTo(SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-------");
    }

    @Test
    void resolvingAMissingPathCreatesNothingAndTheWriterCreatesPrivateDirectories() throws Exception {
        Path target = SafeFiles.target(tmp.resolve("a/b/../c/.env"));
        assertThat(target).isEqualTo(tmp.toRealPath().resolve("a/c/.env"));
        assertThat(tmp.resolve("a")).doesNotExist();
        SafeFiles.write(target, SECRET, SafeFiles.SharedDirectory.REFUSE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a/c")))).isEqualTo("rwx------");
        assertThat(Files.readAllBytes(target)).isEqualTo(SECRET);
    }

    @Test
    void symlinkPlantedAtTheTargetAfterResolutionIsReplacedNotFollowed() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "victim\n");
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Path target = SafeFiles.target(dir.resolve(".env"));
        Files.createSymbolicLink(target, victim);
        SafeFiles.write(target, SECRET, SafeFiles.SharedDirectory.REFUSE);
        assertThat(Files.readString(victim)).isEqualTo("victim\n");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readAllBytes(target)).isEqualTo(SECRET);
    }

    @Test
    void readNeverFollowsASymlinkAtTheResolvedPath() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "victim\n");
        Path planted = Files.createSymbolicLink(tmp.resolve("planted.env"), victim);
        assertThatThrownBy(() -> SafeFiles.read(planted, 1024)).isInstanceOf(IOException.class);
    }

    @Test
    void symlinkPlantedAtTheLockFileIsNotFollowed() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "victim\n");
        Path target = SafeFiles.target(tmp.resolve(".env"));
        Files.createSymbolicLink(SafeFiles.lockFile(target), victim);
        assertThatThrownBy(() -> SafeFiles.locked(target, () -> "unreachable")).isInstanceOf(IOException.class);
        assertThat(Files.readString(victim)).isEqualTo("victim\n");
    }

    @Test
    void directoryOthersCanWriteWithoutStickyBitIsRefusedWithTheChmodToRun() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = SafeFiles.target(shared.resolve(".env"));
        assertThatThrownBy(() -> SafeFiles.write(target, SECRET, SafeFiles.SharedDirectory.REFUSE))
                .isInstanceOf(SafeFiles.UnsafeDirectoryException.class)
                .hasMessageContaining(shared.toString()).hasMessageContaining("777")
                .hasMessageContaining("chmod go-w");
        assertThat(target).doesNotExist();
        SafeFiles.write(target, SECRET, SafeFiles.SharedDirectory.WARN);
        assertThat(Files.readAllBytes(target)).isEqualTo(SECRET);
    }

    @Test
    void stickyWorldWritableDirectoryIsAccepted() throws Exception {
        Path sticky = Files.createDirectories(tmp.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        assertThat(PathSafety.checkNotShared(sticky)).isEmpty();
        Path target = SafeFiles.target(sticky.resolve(".env"));
        SafeFiles.write(target, SECRET, SafeFiles.SharedDirectory.REFUSE);
        assertThat(Files.readAllBytes(target)).isEqualTo(SECRET);
    }

    @Test
    void temporaryFileSwappedForASymlinkIsNeverWrittenThrough() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "victim\n");
        Path shared = Files.createDirectories(tmp.resolve("race"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = SafeFiles.target(shared.resolve(".env"));
        CountDownLatch done = new CountDownLatch(1);
        Thread attacker = new Thread(() -> {
            while (done.getCount() > 0) {
                try (Stream<Path> entries = Files.list(shared)) {
                    for (Path p : entries.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                        Files.deleteIfExists(p);
                        Files.createSymbolicLink(p, victim);
                    }
                } catch (IOException raced) {
                    // the writer renamed or removed it first: try the next one
                }
            }
        });
        attacker.start();
        try {
            for (int i = 0; i < 300; i++) {
                try {
                    SafeFiles.write(target, SECRET, SafeFiles.SharedDirectory.WARN);
                } catch (IOException refused) {
                    // detected the swap: refusing is the right outcome, writing through the link is not
                }
                assertThat(Files.readString(victim)).isEqualTo("victim\n");
            }
        } finally {
            done.countDown();
            attacker.join();
        }
    }

    @Test
    void lockSerialisesReadModifyWriteAcrossThreads() throws Exception {
        Path target = SafeFiles.target(tmp.resolve("counter"));
        int threads = 16;
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        SafeFiles.locked(target, () -> {
                            int n = SafeFiles.read(target, 64).map(b -> Integer.parseInt(new String(b,
                                    StandardCharsets.US_ASCII))).orElse(0);
                            SafeFiles.write(target, Integer.toString(n + 1).getBytes(StandardCharsets.US_ASCII),
                                    SafeFiles.SharedDirectory.REFUSE);
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Files.readString(target)).isEqualTo(Integer.toString(threads * rounds));
    }

    @Test
    void trustFileOthersCanChangeIsNamedWithItsModeAndTheFix() throws Exception {
        String user = System.getProperty("user.name");
        Path dir = Files.createDirectories(tmp.resolve("conf"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path file = Files.writeString(dir.resolve("trusted.json"), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(PathSafety.checkNotWritableByOthers(file, user, tmp)).isEmpty();

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(PathSafety.checkNotWritableByOthers(file, user, tmp)).singleElement().satisfies(v -> {
            assertThat(v.problem()).contains(file.toString()).contains("664").contains("group");
            assertThat(v.fix()).isEqualTo("chmod 600 " + file);
        });

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(PathSafety.checkNotWritableByOthers(file, user, tmp)).singleElement().satisfies(v -> {
            assertThat(v.problem()).contains("directory " + dir).contains("777");
            assertThat(v.fix()).isEqualTo("chmod go-w " + dir);
        });
    }
}
