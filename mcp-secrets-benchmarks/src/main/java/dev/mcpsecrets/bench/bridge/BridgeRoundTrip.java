package dev.mcpsecrets.bench.bridge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code mcp-secrets bridge} adds to a round trip: one {@code tools/call} answered by a Streamable
 * HTTP server on 127.0.0.1 that checks a bearer token, sent (a) directly with the JDK's HttpClient, as an
 * HTTP client would, and (b) as a line to the packaged bridge process ({@code bin/mcp-secrets bridge}, the
 * token from a {@code .env} reference), reading its answer line. Blocks of both alternate in the same run,
 * so both see the same machine; the medians and the difference are printed.
 *
 * <pre>java -cp mcp-secrets-benchmarks/target/benchmarks.jar dev.mcpsecrets.bench.bridge.BridgeRoundTrip [ROUNDS] [LAUNCHER]</pre>
 */
public final class BridgeRoundTrip {
    private static final String TOKEN = "bench-token-3f9a0c1d";
    private static final String SESSION = "bench-session";
    private static final Pattern ID = Pattern.compile("\"id\":([0-9]+)");
    private static final int BLOCK = 50;

    private BridgeRoundTrip() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args rounds per alternative (default 2000), the launcher (default bin/mcp-secrets)
     * @throws Exception when something fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path launcher = Path.of(args.length > 1 ? args[1] : "bin/mcp-secrets").toAbsolutePath();
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per call
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/mcp", BridgeRoundTrip::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
        Path dir = Files.createTempDirectory("bridge-bench");
        Path dotenv = dir.resolve("bench.env");
        Files.writeString(dotenv, "BENCH_TOKEN=" + TOKEN + "\n");
        Files.setPosixFilePermissions(dotenv, PosixFilePermissions.fromString("rw-------"));

        HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Process bridge = new ProcessBuilder(launcher.toString(), "bridge", "--header",
                "Authorization: Bearer {dotenv:" + dotenv + "#BENCH_TOKEN}", url)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        OutputStream toBridge = bridge.getOutputStream();
        BufferedReader fromBridge = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8));
        try {
            roundTrip(toBridge, fromBridge, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"b\",\"version\":\"1\"}}}");
            roundTrip(toBridge, fromBridge, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", false);
            List<Long> viaDirect = new ArrayList<>();
            List<Long> viaBridge = new ArrayList<>();
            int warmup = Math.max(BLOCK, rounds / 4);
            int id = 1;
            for (int done = -warmup; done < rounds; done += BLOCK) {
                for (int i = 0; i < BLOCK; i++, id++) {
                    long t = directCall(direct, url, call(id));
                    if (done >= 0) {
                        viaDirect.add(t);
                    }
                }
                for (int i = 0; i < BLOCK; i++, id++) {
                    long s = System.nanoTime();
                    roundTrip(toBridge, fromBridge, call(id));
                    if (done >= 0) {
                        viaBridge.add(System.nanoTime() - s);
                    }
                }
            }
            double d = median(viaDirect);
            double b = median(viaBridge);
            System.out.printf(Locale.ROOT, "round trip of one tools/call on loopback, %d each, alternating blocks of %d "
                    + "(%d cores, %s)%n", viaDirect.size(), BLOCK, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            System.out.printf(Locale.ROOT, "  direct HTTP POST (JDK HttpClient)       median %7.3f ms   p90 %7.3f ms%n", d,
                    percentile(viaDirect, 0.9));
            System.out.printf(Locale.ROOT, "  through mcp-secrets bridge (stdio)      median %7.3f ms   p90 %7.3f ms%n", b,
                    percentile(viaBridge, 0.9));
            System.out.printf(Locale.ROOT, "  the bridge adds                         median %7.3f ms   (target < 5 ms)%n", b - d);
        } finally {
            toBridge.close();
            bridge.waitFor();
            server.stop(0);
            Files.deleteIfExists(dotenv);
            Files.deleteIfExists(dir);
            System.exit(0);
        }
    }

    private static String call(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"hello\"}}}";
    }

    private static long directCall(HttpClient client, String url, String body) throws IOException, InterruptedException {
        long s = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).header("Mcp-Session-Id", SESSION)
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long t = System.nanoTime() - s;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("direct call answered HTTP " + r.statusCode());
        }
        return t;
    }

    private static void roundTrip(OutputStream to, BufferedReader from, String line) throws IOException {
        roundTrip(to, from, line, true);
    }

    private static void roundTrip(OutputStream to, BufferedReader from, String line, boolean answered) throws IOException {
        to.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        to.flush();
        if (answered) {
            String answer = from.readLine();
            if (answer == null || !answer.contains("\"result\"")) {
                throw new IllegalStateException("the bridge answered: " + answer);
            }
        }
    }

    private static void answer(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            Matcher m = ID.matcher(body);
            if (!m.find()) {
                ex.sendResponseHeaders(202, -1);
                return;
            }
            String result = body.contains("\"initialize\"")
                    ? "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"bench\",\"version\":\"1\"}}"
                    : "{\"content\":[{\"type\":\"text\",\"text\":\"echo: hello\"}]}";
            byte[] out = ("{\"jsonrpc\":\"2.0\",\"id\":" + m.group(1) + ",\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.getResponseHeaders().set("Mcp-Session-Id", SESSION);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
        }
    }

    private static double median(List<Long> nanos) {
        return percentile(nanos, 0.5);
    }

    private static double percentile(List<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1)))) / 1_000_000.0;
    }
}
