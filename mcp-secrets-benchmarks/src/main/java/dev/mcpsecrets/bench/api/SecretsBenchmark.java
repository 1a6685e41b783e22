package dev.mcpsecrets.bench.api;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

/**
 * The facade's costs at server start: building it with discovery, the first resolution of 20
 * {@code env:} references, and a cached resolution. The class-level settings are those of the cold
 * benchmarks (one shot in each of ten fresh JVMs); the warm ones set their own.
 *
 * <pre>java -jar mcp-secrets-benchmarks/target/benchmarks.jar SecretsBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(10)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class SecretsBenchmark {
    static final int REFS = 20;

    /** Environment with 20 tokens, as a server's launcher would have. */
    @State(Scope.Benchmark)
    public static class Env {
        final Map<String, String> environment = new HashMap<>();
        final String[] refs = new String[REFS];

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < REFS; i++) {
                environment.put("BENCH_TOKEN_" + i, "value-of-token-number-" + i);
                refs[i] = "env:BENCH_TOKEN_" + i;
            }
        }
    }

    /** A built instance, fresh per invocation, for first (uncached) resolutions. */
    @State(Scope.Thread)
    public static class Fresh {
        Secrets secrets;

        @Setup(Level.Invocation)
        public void build(Env env) {
            secrets = Secrets.builder().environment(env.environment).build();
        }

        @TearDown(Level.Invocation)
        public void close() {
            secrets.close();
        }
    }

    /** A built instance with every reference already cached. */
    @State(Scope.Benchmark)
    public static class Warm {
        Secrets secrets;

        @Setup(Level.Trial)
        public void build(Env env) throws SecretException {
            secrets = Secrets.builder().environment(env.environment).cacheTtl(Duration.ofHours(1)).build();
            for (String ref : env.refs) {
                secrets.resolve(ref).destroy();
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            secrets.close();
        }
    }

    /**
     * A server whose logging has started: SLF4J 2 finds its binding with {@link java.util.ServiceLoader},
     * which pays the JDK's one-time cost of reading a service file from a jar before any credential is
     * asked for, as in servers on the MCP Java SDK or Spring.
     */
    @State(Scope.Thread)
    public static class LoggingStarted {
        @Setup(Level.Trial)
        public void start() {
            LoggerFactory.getLogger(SecretsBenchmark.class).isDebugEnabled();
        }
    }

    /**
     * Control: the JDK's service-file machinery used once, on six do-nothing providers, and nothing
     * else, to tell its one-time cost from the wider warm-up that a started logging framework brings.
     */
    @State(Scope.Thread)
    public static class JdkServicesWarm {
        @Setup(Level.Trial)
        public void warm() {
            for (ColdDiscoveryBaseline.Trivial ignored : ServiceLoader.load(ColdDiscoveryBaseline.Trivial.class)) {
                // loading is the point
            }
        }
    }

    /**
     * Cold, after the JDK's service-file machinery was used once by someone else (one shot per fork).
     *
     * @param warm the control's set-up, outside the measurement
     * @return the instance
     */
    @Benchmark
    public Secrets coldBuildWithJdkServicesWarm(JdkServicesWarm warm) {
        return Secrets.builder().build();
    }

    /** Cold: the first build in a fresh JVM, discovery included (one shot per fork). */
    @Benchmark
    public Secrets coldBuildWithDiscovery() {
        return Secrets.builder().build();
    }

    /**
     * Cold, in a server whose logging started first: the first build in a fresh JVM after SLF4J has
     * found its binding, so the JDK's one-time service-file cost is already paid (one shot per fork).
     *
     * @param logging started in the trial's set-up, outside the measurement
     * @return the instance
     */
    @Benchmark
    public Secrets coldBuildWithLoggingStarted(LoggingStarted logging) {
        return Secrets.builder().build();
    }

    /**
     * Cold: what a server pays before its first credential, a build with discovery and one
     * {@code env:} resolution in a fresh JVM (one shot per fork).
     */
    @Benchmark
    public int coldBuildAndFirstResolve() throws SecretException {
        try (Secrets secrets = Secrets.builder().build()) {
            Secret path = secrets.resolve("env:PATH");
            int n = path.length();
            path.destroy();
            return n;
        }
    }

    /**
     * Cold, in a server whose logging started first: the build and one {@code env:} resolution, which
     * is what this library adds to such a server's start (one shot per fork).
     *
     * @param logging started in the trial's set-up, outside the measurement
     * @return the length of the value
     * @throws SecretException never: PATH is set
     */
    @Benchmark
    public int coldBuildAndFirstResolveWithLoggingStarted(LoggingStarted logging) throws SecretException {
        return coldBuildAndFirstResolve();
    }

    /** Warm JVM: building an instance with discovery. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Fork(1)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public void buildWithDiscovery(Blackhole bh) {
        try (Secrets s = Secrets.builder().build()) {
            bh.consume(s);
        }
    }

    /** The first resolution of all 20 references on a new instance (nothing cached). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Fork(1)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public void firstResolutionOf20EnvRefs(Fresh fresh, Env env, Blackhole bh) throws SecretException {
        for (String ref : env.refs) {
            Secret s = fresh.secrets.resolve(ref);
            bh.consume(s.length());
            s.destroy();
        }
    }

    /** One cached resolution (a copy of the cached value handed to the caller). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(1)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public int cachedResolve(Warm warm) throws SecretException {
        Secret s = warm.secrets.resolve("env:BENCH_TOKEN_7");
        int n = s.length();
        s.destroy();
        return n;
    }
}
