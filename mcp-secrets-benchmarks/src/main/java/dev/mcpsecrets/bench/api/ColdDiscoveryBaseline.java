package dev.mcpsecrets.bench.api;

import dev.mcpsecrets.api.SecretProvider;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Controls for {@link SecretsBenchmark#coldBuildWithDiscovery}: what the JDK's first
 * {@link ServiceLoader} iteration costs in a fresh JVM before any provider loads, and what loading
 * the discovered providers adds, without the facade.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(10)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdDiscoveryBaseline {
    /** A service nobody provides: the class path is searched and nothing is found. */
    public interface Unprovided {
    }

    /** A service with six providers that load nothing else, registered in this jar. */
    public interface Trivial {
    }

    /** First trivial provider. */
    public static final class Trivial1 implements Trivial {
    }

    /** Second trivial provider. */
    public static final class Trivial2 implements Trivial {
    }

    /** Third trivial provider. */
    public static final class Trivial3 implements Trivial {
    }

    /** Fourth trivial provider. */
    public static final class Trivial4 implements Trivial {
    }

    /** Fifth trivial provider. */
    public static final class Trivial5 implements Trivial {
    }

    /** Sixth trivial provider. */
    public static final class Trivial6 implements Trivial {
    }

    /** The JDK and six classes that do nothing: the least six providers can cost. */
    @Benchmark
    public int serviceLoaderOverSixTrivialProviders() {
        int n = 0;
        for (Trivial ignored : ServiceLoader.load(Trivial.class)) {
            n++;
        }
        return n;
    }

    /** The JDK alone: a first service lookup that finds nothing. */
    @Benchmark
    public int serviceLoaderFindingNothing() {
        int n = 0;
        for (Unprovided ignored : ServiceLoader.load(Unprovided.class)) {
            n++;
        }
        return n;
    }

    /** The JDK plus constructing every discovered provider, without the facade. */
    @Benchmark
    public int serviceLoaderOverSecretProviders() {
        int n = 0;
        for (SecretProvider ignored : ServiceLoader.load(SecretProvider.class)) {
            n++;
        }
        return n;
    }
}
