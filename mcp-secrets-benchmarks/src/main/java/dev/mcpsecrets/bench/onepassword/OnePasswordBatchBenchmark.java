package dev.mcpsecrets.bench.onepassword;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.onepassword.internal.ConnectProvider;
import dev.mcpsecrets.onepassword.internal.OpCliProvider;
import dev.mcpsecrets.onepassword.testing.FakeConnect;
import dev.mcpsecrets.onepassword.testing.FakeOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What batching saves with 1Password: 20 {@code op://} references through {@code Secrets.resolveAll}
 * against the fake op at 500 ms per process start, compared with one {@code Secrets.resolve}; and the
 * requests 20 references to two items cost against the fake Connect server. Run with
 * {@code java -cp mcp-secrets-benchmarks/target/benchmarks.jar dev.mcpsecrets.bench.onepassword.OnePasswordBatchBenchmark [runs]}.
 */
public final class OnePasswordBatchBenchmark {
    private static final int REFERENCES = 20;
    private static final int DELAY_MS = 500;

    private OnePasswordBatchBenchmark() {
    }

    /**
     * Runs the measurements and prints them.
     *
     * @param args optional number of timed runs (default 5)
     * @throws Exception if a resolution fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        cli(runs);
        connect(runs);
    }

    private static void cli(int runs) throws SecretException {
        FakeOp fake = FakeOp.install().env("FAKE_OP_DELAY_MS", Integer.toString(DELAY_MS));
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < REFERENCES; i++) {
            String ref = "op://Private/Service " + (i % 5) + "/credential" + i;
            fake.with(ref, "bench-value-" + i);
            names.put("SECRET_" + i, ref);
        }
        Map<String, String> env = fake.environment();
        long[] one = new long[runs];
        long[] all = new long[runs];
        int startsPerBatch = -1;
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new OpCliProvider(env))
                .environment(env).cacheTtl(Duration.ZERO).timeout(Duration.ofSeconds(30)).build()) {
            secrets.resolve("op://Private/Service 0/credential0").destroy();
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                secrets.resolve("op://Private/Service 1/credential1").destroy();
                one[r] = System.nanoTime() - t0;
                int before = fake.starts().size();
                t0 = System.nanoTime();
                Map<String, Secret> out = secrets.resolveAll(names);
                all[r] = System.nanoTime() - t0;
                startsPerBatch = fake.starts().size() - before;
                out.values().forEach(Secret::destroy);
            }
            long t0 = System.nanoTime();
            for (String ref : names.values()) {
                secrets.resolve(ref).destroy();
            }
            long sequential = System.nanoTime() - t0;
            double oneMs = median(one) / 1e6;
            double allMs = median(all) / 1e6;
            System.out.printf(Locale.ROOT, "op CLI (fake op, %d ms per process start), median of %d runs:%n", DELAY_MS, runs);
            System.out.printf(Locale.ROOT, "  Secrets.resolve, 1 reference:              %8.1f ms%n", oneMs);
            System.out.printf(Locale.ROOT, "  Secrets.resolveAll, %d references:         %8.1f ms  (%.2fx one call)%n",
                    REFERENCES, allMs, allMs / oneMs);
            System.out.printf(Locale.ROOT, "  op processes started per resolveAll:       %8d%n", startsPerBatch);
            System.out.printf(Locale.ROOT, "  %d x Secrets.resolve one after another:    %8.1f ms (one run)%n", REFERENCES,
                    sequential / 1e6);
        }
    }

    private static void connect(int runs) throws SecretException {
        String token = "bench-connect-token";
        try (FakeConnect server = FakeConnect.start(token)) {
            Map<String, String> names = new LinkedHashMap<>();
            for (String title : List.of("GitHub", "Database")) {
                List<FakeConnect.Field> fields = new ArrayList<>();
                for (int i = 0; i < REFERENCES / 2; i++) {
                    fields.add(FakeConnect.Field.concealed("field" + i, title + "-value-" + i));
                    names.put(title.toUpperCase(Locale.ROOT) + "_" + i, "op://Private/" + title + "/field" + i);
                }
                server.item("Private", title, Map.of(), fields);
            }
            Map<String, String> env = Map.of("OP_CONNECT_HOST", server.url(), "OP_CONNECT_TOKEN", token);
            try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new ConnectProvider(env))
                    .environment(env).cacheTtl(Duration.ZERO).build()) {
                long t0 = System.nanoTime();
                secrets.resolveAll(names).values().forEach(Secret::destroy);
                long cold = System.nanoTime() - t0;
                long coldRequests = server.requests().size();
                System.out.printf(Locale.ROOT, "Connect (fake server on 127.0.0.1), %d references to fields of 2 items:%n",
                        REFERENCES);
                System.out.printf(Locale.ROOT, "  Secrets.resolveAll, first run (cold JVM):  %8.1f ms%n", cold / 1e6);
                System.out.printf(Locale.ROOT, "    requests: %d item fetches, %d item lookups, %d vault lists, %d in all%n",
                        server.count("item"), server.count("lookup"), server.count("vaults"), coldRequests);
                long[] warm = new long[runs];
                for (int r = 0; r < runs; r++) {
                    t0 = System.nanoTime();
                    secrets.resolveAll(names).values().forEach(Secret::destroy);
                    warm[r] = System.nanoTime() - t0;
                }
                System.out.printf(Locale.ROOT, "  Secrets.resolveAll, IDs cached (median of %d): %5.1f ms, %.1f requests a run%n",
                        runs, median(warm) / 1e6, (server.requests().size() - coldRequests) / (double) runs);
            }
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
