package dev.mcpsecrets.bench.api;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * What masking costs per printed line with 0, 1, 10 and 100 registered values (40-character tokens), and
 * the throughput of a masking stream (what {@code run --redact} puts between a child's stderr and ours).
 *
 * <pre>java -jar mcp-secrets-benchmarks/target/benchmarks.jar MaskerBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class MaskerBenchmark {
    /** A 120-byte log line as servers print them. */
    static final String LINE = "2026-11-27 10:15:02.113 INFO  [req-7f3a] GitHubClient - GET /repos/acme/api/pulls?state=open"
            + " -> 200 in 84 ms";
    /** One MiB of such lines, written in 8 KiB reads as a pipe delivers them. */
    static final int STREAM_BYTES = 1 << 20;

    @Param({"0", "1", "10", "100"})
    public int values;

    SecretMasker masker;
    final List<Secret> registered = new ArrayList<>();
    String lineWithValue;
    String jsonLine;
    byte[] stream;

    @Setup(Level.Trial)
    public void setUp() {
        masker = SecretMasker.create();
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        String last = "not-registered-value-0123456789abcdefghij";
        for (int i = 0; i < values; i++) {
            StringBuilder token = new StringBuilder("ghp_");
            for (int j = 0; j < 36; j++) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Secret s = Secret.of(token);
            registered.add(s);
            masker.register("TOKEN_" + i, s);
            last = token.toString();
        }
        lineWithValue = LINE.substring(0, 60) + last + LINE.substring(60);
        jsonLine = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + LINE + "\"}]}}";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < STREAM_BYTES) {
            sb.append(LINE).append('\n');
        }
        stream = sb.substring(0, STREAM_BYTES).getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registered.forEach(Secret::destroy);
        masker.close();
    }

    /** A line without any value: the common case. */
    @Benchmark
    public String plainLine() {
        return masker.mask(LINE);
    }

    /** A line holding one registered value (with 0 registered, the same line unmasked). */
    @Benchmark
    public String lineWithValue() {
        return masker.mask(lineWithValue);
    }

    /** A JSON-RPC tool result line, masked inside strings only. */
    @Benchmark
    public String jsonRpcLine() {
        return masker.maskJson(jsonLine);
    }

    /** One MiB through a masking stream in 8 KiB writes; MiB/s = 1e9 / result. */
    @Benchmark
    public int streamOneMebibyte() throws IOException {
        Counting sink = new Counting();
        try (OutputStream out = masker.maskingStream(sink)) {
            for (int off = 0; off < stream.length; off += 8192) {
                out.write(stream, off, Math.min(8192, stream.length - off));
            }
        }
        return sink.count;
    }

    /** Counts bytes, like a pipe that is read at once. */
    static final class Counting extends OutputStream {
        int count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
