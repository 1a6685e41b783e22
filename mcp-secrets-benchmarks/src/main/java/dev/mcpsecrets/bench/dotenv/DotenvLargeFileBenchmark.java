package dev.mcpsecrets.bench.dotenv;

import dev.mcpsecrets.dotenv.DotenvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Large inputs for our parser alone, each parse timed on its own (single shot, so a cold parse counts too):
 * a 10 MiB mixed file, and 10 MiB in which every other line is an error: a double quote opened on one line
 * is closed only by the quote opening the next such line (escaped quotes in between do not close it), so
 * every quoted value spans two lines and ends in stray text.
 *
 * <pre>java -jar mcp-secrets-benchmarks/target/benchmarks.jar DotenvLargeFileBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
public class DotenvLargeFileBenchmark {
    /** Which input. */
    @Param({"mixed_10MiB", "quote_errors_10MiB"})
    public String input;

    private Path dir;
    private Path file;
    private final DotenvParser lenient = DotenvParser.builder().strict(false).build();

    /**
     * Writes the input.
     *
     * @throws IOException if the file cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("dotenv-bench-large");
        String text;
        if (input.equals("mixed_10MiB")) {
            text = DotenvInputs.mixed(10 << 20);
        } else {
            StringBuilder b = new StringBuilder((10 << 20) + 64);
            for (int i = 0; b.length() < 10 << 20; i++) {
                b.append("K").append(i).append("=x\\\"y\n").append("Q").append(i).append("=\"open\n");
            }
            text = b.toString();
        }
        file = DotenvInputs.write(dir, ".env", text);
    }

    /**
     * Removes the input.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.delete(file);
        Files.delete(dir);
    }

    /**
     * Reads and parses the whole file (lenient, so the hostile input is parsed to the end).
     *
     * @return the number of entries
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public int parse() throws IOException {
        return lenient.parse(file).entries().size();
    }
}
