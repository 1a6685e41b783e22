package dev.mcpsecrets.bench.vault;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.vault.internal.VaultSecretProvider;
import dev.mcpsecrets.vault.testing.FakeVault;
import dev.mcpsecrets.vault.testing.FakeVault.Kind;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one read per path saves with Vault: 20 {@code vault:} references to keys of 2 secrets through
 * {@code Secrets.resolveAll} against the fake Vault answering every request after 20 ms, with the
 * number of reads each costs (target: 2), beside the same 20 resolved one by one. Run with
 * {@code java -cp mcp-secrets-benchmarks/target/benchmarks.jar dev.mcpsecrets.bench.vault.VaultBatchBenchmark [runs]}.
 */
public final class VaultBatchBenchmark {
    private static final int REFERENCES = 20;
    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final String TOKEN = "hvs.bench-token";

    private VaultBatchBenchmark() {
    }

    /**
     * Runs the measurements and prints them.
     *
     * @param args optional number of timed runs (default 5)
     * @throws SecretException if a resolution fails
     */
    public static void main(String[] args) throws SecretException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (FakeVault vault = FakeVault.start().mount("secret", 2).token(TOKEN, 0, false, "*")) {
            Map<String, String> names = new LinkedHashMap<>();
            for (String path : new String[] {"secret/bench/github", "secret/bench/database"}) {
                Map<String, String> data = new LinkedHashMap<>();
                for (int i = 0; i < REFERENCES / 2; i++) {
                    data.put("key" + i, path + "-value-" + i);
                    names.put(path.substring(path.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT) + "_" + i,
                            "vault:" + path + "#key" + i);
                }
                vault.put(path, data);
            }
            vault.latency(LATENCY);
            Map<String, String> env = Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", TOKEN);
            try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new VaultSecretProvider())
                    .environment(env).cacheTtl(Duration.ZERO).timeout(Duration.ofSeconds(30)).build()) {
                long t0 = System.nanoTime();
                secrets.resolveAll(names).values().forEach(Secret::destroy);
                long cold = System.nanoTime() - t0;
                System.out.printf(Locale.ROOT, "Vault (fake server on 127.0.0.1, %d ms per request), %d references to keys"
                        + " of 2 secrets (KV v2), facade cache off:%n", LATENCY.toMillis(), REFERENCES);
                System.out.printf(Locale.ROOT, "  Secrets.resolveAll, first run (cold JVM):     %8.1f ms%n", cold / 1e6);
                System.out.printf(Locale.ROOT, "    requests: %d reads, %d mount lookup, %d token lookup, %d in all%n",
                        vault.count(Kind.READ), vault.count(Kind.MOUNT_LOOKUP), vault.count(Kind.LOOKUP_SELF),
                        vault.requests().size());
                long[] warm = new long[runs];
                int reads = 0;
                int all = 0;
                for (int r = 0; r < runs; r++) {
                    vault.resetCounts();
                    t0 = System.nanoTime();
                    secrets.resolveAll(names).values().forEach(Secret::destroy);
                    warm[r] = System.nanoTime() - t0;
                    reads = vault.count(Kind.READ);
                    all = vault.requests().size();
                }
                System.out.printf(Locale.ROOT, "  Secrets.resolveAll, warm (median of %d):       %8.1f ms, %d reads, %d requests"
                        + " (target: 2 reads)%n", runs, median(warm) / 1e6, reads, all);
                vault.resetCounts();
                t0 = System.nanoTime();
                for (String ref : names.values()) {
                    secrets.resolve(ref).destroy();
                }
                long sequential = System.nanoTime() - t0;
                System.out.printf(Locale.ROOT, "  %d x Secrets.resolve one after another:      %8.1f ms, %d reads%n",
                        REFERENCES, sequential / 1e6, vault.count(Kind.READ));
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
