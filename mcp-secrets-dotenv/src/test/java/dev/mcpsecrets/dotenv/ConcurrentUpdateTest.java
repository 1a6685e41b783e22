package dev.mcpsecrets.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editors of one file in parallel: {@link DotenvFile#update} re-reads under the lock, so no edit is lost. */
class ConcurrentUpdateTest {
    @TempDir
    Path dir;

    @Test
    void sixteenThreadsSettingDifferentKeysKeepEveryKey() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "# kept comment\nEXISTING=1\n");
        int writers = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String key = "KEY_" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                        DotenvFile.update(file, f -> f.set(key, Secret.of("value-" + key)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        DotenvResult parsed = DotenvParser.standard().parse(file);
        for (int i = 0; i < writers; i++) {
            String key = "KEY_" + i;
            assertThat(parsed.find(key)).as(key).hasValueSatisfying(
                    e -> assertThat(e.value().revealAsString()).isEqualTo("value-" + key));
        }
        assertThat(parsed.find("EXISTING")).isPresent();
        assertThat(Files.readString(file)).startsWith("# kept comment\n").doesNotContain("\n\n");
        assertThat(DotenvFile.load(file).keys()).hasSize(writers + 1);
    }

    @Test
    void updateReturningItsArgumentWritesNothing() throws Exception {
        Path file = dir.resolve(".env");
        DotenvFile before = DotenvFile.update(file, f -> f.remove("ABSENT"));
        assertThat(before.contains("ABSENT")).isFalse();
        assertThat(file).doesNotExist();
    }
}
