package dev.mcpsecrets.bench.keychain;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.keychain.internal.KeychainSecretProvider;
import dev.mcpsecrets.keychain.testing.KeyringDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The keychain provider against a real gnome-keyring-daemon on a private D-Bus session (started here,
 * stopped at the end): time to HEADLESS without a bus (first call in a fresh JVM, then warm), backend
 * creation, uncached get p50/p99, availability(), cached get through {@code Secrets}, and time to LOCKED. Run with
 * {@code java -cp mcp-secrets-benchmarks/target/benchmarks.jar dev.mcpsecrets.bench.keychain.KeychainBenchmark [samples]}.
 */
public final class KeychainBenchmark {
    private static final SecretRef REF = SecretRef.of("keychain", "bench-service/bench-user");
    private static final String VALUE = "bench-value-0123456789";

    private KeychainBenchmark() {
    }

    /**
     * Runs the measurements and prints them.
     *
     * @param args optional number of timed samples per measurement (default 2000)
     * @throws Exception if the daemon cannot start or a resolution fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        headless(samples);
        Path dir = Files.createTempDirectory("mcp-kc-bench");
        try (KeyringDaemon daemon = KeyringDaemon.start(dir)) {
            daemon.secretToolStore("bench-service", "bench-user", VALUE);
            ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofHours(1), daemon.environment());
            creation(ctx, Math.max(5, samples / 100));
            uncached(ctx, samples);
            // availability() has no context and judges the process; dbus-java's own system property
            // names the bus for this JVM as the environment variable would
            System.setProperty(KeyringDaemon.ADDRESS_VARIABLE, daemon.address());
            availability(samples);
            cached(daemon.environment(), samples * 1000);
            daemon.lock();
            expectFailure("LOCKED, keychain locked", ctx, Reason.LOCKED, samples / 10);
        }
    }

    private static void headless(int samples) throws SecretException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("DBUS_SESSION_BUS_ADDRESS");
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofHours(1), env);
        expectFailure("HEADLESS, no D-Bus session", ctx, Reason.HEADLESS, samples);
    }

    private static void expectFailure(String what, ResolveContext ctx, Reason expected, int samples)
            throws SecretException {
        long[] nanos = new long[samples + 1];
        try (KeychainSecretProvider provider = new KeychainSecretProvider()) {
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                try {
                    provider.resolve(REF, ctx).destroy();
                    throw new IllegalStateException("expected " + expected);
                } catch (SecretException e) {
                    nanos[i] = System.nanoTime() - t0;
                    if (e.reason() != expected) {
                        throw e;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "time to %-28s first call %8.3f ms, then p50 %8.3f ms, p99 %8.3f ms%n",
                what + ":", nanos[0] / 1e6, percentile(tail(nanos), 50) / 1e6, percentile(tail(nanos), 99) / 1e6);
    }

    private static void creation(ResolveContext ctx, int runs) throws SecretException {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            try (KeychainSecretProvider provider = new KeychainSecretProvider()) {
                long t0 = System.nanoTime();
                provider.resolve(REF, ctx).destroy();
                nanos[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "backend creation + first get:     first %8.1f ms, then p50 %8.1f ms, max %8.1f ms"
                + " (%d runs)%n", nanos[0] / 1e6, percentile(tail(nanos), 50) / 1e6, percentile(tail(nanos), 100) / 1e6,
                runs);
    }

    private static void uncached(ResolveContext ctx, int samples) throws SecretException {
        try (KeychainSecretProvider provider = new KeychainSecretProvider()) {
            for (int i = 0; i < samples / 2; i++) {
                provider.resolve(REF, ctx).destroy();
            }
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                provider.resolve(REF, ctx).destroy();
                nanos[i] = System.nanoTime() - t0;
            }
            System.out.printf(Locale.ROOT, "uncached get (provider.resolve):  p50 %8.3f ms, p99 %8.3f ms, max %8.3f ms"
                    + " (%d samples)%n", percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6,
                    percentile(nanos, 100) / 1e6, samples);
        }
    }

    private static void availability(int samples) {
        long[] nanos = new long[samples + 1];
        try (KeychainSecretProvider provider = new KeychainSecretProvider()) {
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                if (!provider.availability().available()) {
                    throw new IllegalStateException("the benchmark keyring is not available");
                }
                nanos[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "availability(), Secret Service up: first call %8.3f ms, then p50 %8.3f ms, p99 %8.3f ms%n",
                nanos[0] / 1e6, percentile(tail(nanos), 50) / 1e6, percentile(tail(nanos), 99) / 1e6);
    }

    private static void cached(Map<String, String> env, int calls) throws SecretException {
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new KeychainSecretProvider())
                .environment(env).cacheTtl(Duration.ofHours(1)).build()) {
            String expression = REF.format();
            for (int i = 0; i < calls; i++) {
                secrets.resolve(expression).destroy();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                secrets.resolve(expression).destroy();
            }
            double perCall = (System.nanoTime() - t0) / (double) calls;
            System.out.printf(Locale.ROOT, "cached get (Secrets.resolve):     %8.1f ns per call (mean of %d calls)%n",
                    perCall, calls);
        }
    }

    private static long[] tail(long[] nanos) {
        return Arrays.copyOfRange(nanos, 1, nanos.length);
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
