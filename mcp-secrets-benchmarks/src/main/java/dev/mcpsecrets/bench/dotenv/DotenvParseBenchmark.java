package dev.mcpsecrets.bench.dotenv;

import dev.mcpsecrets.dotenv.DotenvEntry;
import dev.mcpsecrets.dotenv.DotenvParser;
import dev.mcpsecrets.dotenv.DotenvResult;
import io.github.cdimascio.dotenv.Dotenv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a {@code .env} file with our parser and with dotenv-java 3.2.0 in the same run: (a) 10,000 plain
 * lines, (b) one double-quoted value of 2,000 lines, (c) a 1 MiB mixed file. Both read the file from disk and
 * return every entry; the setup checks that both find the same keys.
 *
 * <pre>java -jar mcp-secrets-benchmarks/target/benchmarks.jar DotenvParseBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DotenvParseBenchmark {
    /** Which input. */
    @Param({"a_plain_10000_lines", "b_multiline_2000_lines", "c_mixed_1MiB"})
    public String input;

    private Path dir;
    private Path file;
    private DotenvParser parser;

    /**
     * Writes the input and checks that both parsers see the same keys.
     *
     * @throws IOException if the file cannot be written or read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("dotenv-bench");
        String text = switch (input) {
            case "a_plain_10000_lines" -> DotenvInputs.plainLines(10_000);
            case "b_multiline_2000_lines" -> DotenvInputs.multilineValue(2_000);
            case "c_mixed_1MiB" -> DotenvInputs.mixed(1 << 20);
            default -> throw new IllegalArgumentException(input);
        };
        file = DotenvInputs.write(dir, ".env", text);
        parser = DotenvParser.standard();
        int ours = parser.parse(file).keys().size();
        int theirs = dotenvJavaLoad().entries(Dotenv.Filter.DECLARED_IN_ENV_FILE).size();
        if (ours != theirs) {
            throw new IllegalStateException(input + ": ours found " + ours + " keys, dotenv-java " + theirs);
        }
    }

    /**
     * Removes the input.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Our parser: read, parse, and touch every entry.
     *
     * @return a checksum so the work is not optimised away
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public long mcpSecretsDotenv() throws IOException {
        DotenvResult result = parser.parse(file);
        long sum = 0;
        for (DotenvEntry entry : result.entries()) {
            sum += entry.valueLength();
        }
        return sum;
    }

    /**
     * dotenv-java 3.2.0: read, parse, and touch every entry.
     *
     * @return a checksum so the work is not optimised away
     */
    @Benchmark
    public long dotenvJava() {
        long sum = 0;
        for (io.github.cdimascio.dotenv.DotenvEntry entry : dotenvJavaLoad().entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            sum += entry.getValue().length();
        }
        return sum;
    }

    private Dotenv dotenvJavaLoad() {
        return Dotenv.configure().directory(dir.toString()).filename(".env").load();
    }
}
