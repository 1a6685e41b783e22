package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.dotenv.DotenvParser;
import dev.mcpsecrets.dotenv.DotenvResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel writers of one file, in separate processes and in threads: every write survives. */
class ConcurrentWritesTest {
    private static final int WRITERS = 8;

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    @Test
    void eightDotenvSetProcessesOnOneFileKeepEveryKey() throws Exception {
        Path file = tmp.resolve("shared.env");
        List<JvmRun> runs = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            runs.add(JvmRun.start(tmp, env(), "value-" + i + "\n", "dotenv", "set", "KEY_" + i, "--file", file.toString()));
        }
        for (JvmRun r : runs) {
            ProcessRun done = r.finish();
            assertThat(done.exitCode()).as(done.err()).isZero();
        }
        DotenvResult parsed = DotenvParser.standard().parse(file);
        for (int i = 0; i < WRITERS; i++) {
            assertThat(parsed.find("KEY_" + i)).as("KEY_" + i).isPresent();
            assertThat(parsed.find("KEY_" + i).orElseThrow().value().revealAsString()).isEqualTo("value-" + i);
        }
    }

    @Test
    void eightTrustProcessesKeepEveryEntry() throws Exception {
        List<Path> configs = new ArrayList<>();
        List<JvmRun> runs = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Path c = Files.writeString(tmp.resolve("c" + i + ".json"), "{\"mcpServers\": {\"s" + i + "\": {\"command\": \"true\"}}}");
            configs.add(c);
            runs.add(JvmRun.start(tmp, env(), "", "trust", c.toString()));
        }
        for (JvmRun r : runs) {
            ProcessRun done = r.finish();
            assertThat(done.exitCode()).as(done.err()).isZero();
        }
        assertTrusted(configs);
    }

    @Test
    void sixteenThreadsTrustingAndSettingInOneProcessKeepEverything() throws Exception {
        int threads = 16;
        Path file = tmp.resolve("threads.env");
        List<Path> configs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            configs.add(Files.writeString(tmp.resolve("t" + i + ".json"), "{\"mcpServers\": {}, \"n\": " + i + "}"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<CliRun>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Path c = configs.get(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return CliRun.of(env(), "trust", c.toString());
                }));
                String key = "T_" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    dev.mcpsecrets.dotenv.DotenvFile.update(file, f -> f.set(key, dev.mcpsecrets.api.Secret.of("v")));
                    return new CliRun(0, "", "");
                }));
            }
            start.countDown();
            for (Future<CliRun> f : futures) {
                CliRun r = f.get();
                assertThat(r.exitCode()).as(r.err()).isZero();
            }
        } finally {
            pool.shutdown();
        }
        assertTrusted(configs);
        DotenvResult parsed = DotenvParser.standard().parse(file);
        for (int i = 0; i < threads; i++) {
            assertThat(parsed.find("T_" + i)).as("T_" + i).isPresent();
        }
    }

    private void assertTrusted(List<Path> configs) throws Exception {
        Map<String, TrustStore.Entry> entries = new TrustStore(UserConfigDir.from(env())).entries();
        for (Path c : configs) {
            assertThat(entries).containsKey(c.toRealPath().toString());
            assertThat(entries.get(c.toRealPath().toString()).sha256()).isEqualTo(TrustStore.sha256(Files.readAllBytes(c)));
        }
    }
}
