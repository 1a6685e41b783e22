package dev.mcpsecrets.bench.policy;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.checks.internal.ClientLogCheck;
import dev.mcpsecrets.policy.checks.internal.logs.LogScanOptions;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.source.FileSystemView;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Speed of the client log scan ({@code MCP-LOG-*}) on one generated Claude Desktop log of 500 MiB (by
 * default): lines in Claude Desktop's {@code mcp-server-NAME.log} shape, a JSON-RPC message every few lines,
 * a 256 KiB single-line tool result every 8 MiB, a planted GitHub token every 5 MiB and the value of a user's
 * reference every 25 MiB. Prints the time against the default budget of the scan, with and without
 * {@code --known-values}, and checks that every planted secret was found.
 * Run with {@code java -cp mcp-secrets-benchmarks/target/benchmarks.jar
 * dev.mcpsecrets.bench.policy.ClientLogScanBenchmark [MiB]}.
 */
public final class ClientLogScanBenchmark {
    private static final String TOKEN = "ghp_BENCHfake0123456789abcdefABCDEF01234";
    private static final String OWN = "BENCH-own-database-pw-7Qz";
    private static final double MIB = 1024.0 * 1024.0;

    private ClientLogScanBenchmark() {
    }

    /**
     * Generates the log, scans it three times each way and prints the figures.
     *
     * @param args optional size in MiB (default 500)
     * @throws Exception if generating or scanning fails
     */
    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 500;
        Path root = Files.createTempDirectory("client-log-bench");
        try {
            Path home = root.resolve("home");
            FileSystemView view = FileSystemView.of(home, home.resolve("app"), FileSystemView.OperatingSystem.LINUX,
                    Map.of()).withFingerprintKeyFile(root.resolve("key"));
            Path log = view.configHome().resolve("Claude/logs/mcp-server-github.log");
            long[] planted = generate(log, mib << 20);
            System.out.printf(Locale.ROOT, "log: %s, %.0f MiB, %d tokens and %d own values planted%n", log,
                    Files.size(log) / MIB, planted[0], planted[1]);
            String json = "{\"mcpServers\": {\"db\": {\"command\": \"node\", \"env\": {\"PGPASSWORD\": \"env:BENCH_PW\"}}}}";
            Path configFile = view.configHome().resolve("Claude/claude_desktop_config.json");
            McpConfigFile config = McpConfigReader.fromDocument(JsonReader.parse(json, configFile,
                    McpClient.CLAUDE_DESKTOP.dialect()), McpClient.CLAUDE_DESKTOP, ConfigScope.USER);
            Map<String, String> env = Map.of("BENCH_PW", OWN);
            try (Secrets secrets = Secrets.builder().environment(env).build()) {
                for (boolean known : new boolean[] {false, true}) {
                    for (int run = 1; run <= 3; run++) {
                        PolicyContext context = PolicyContext.builder().files(view).environment(env)
                                .configs(List.of(config)).secrets(secrets)
                                .fingerprinter(KeyedFingerprinter.withKey(new byte[32]))
                                .options(Map.of(LogScanOptions.KNOWN_VALUES, Boolean.toString(known))).build();
                        long t0 = System.nanoTime();
                        List<Finding> findings = new ClientLogCheck().run(context).toList();
                        double s = (System.nanoTime() - t0) / 1e9;
                        boolean tokens = findings.stream().anyMatch(f -> f.ruleId().equals("MCP-LOG-001")
                                && f.message().contains("(" + planted[0] + " times"));
                        boolean own = findings.stream().anyMatch(f -> f.ruleId().equals("MCP-LOG-002")
                                && f.message().contains("(" + planted[1] + " times"));
                        boolean cut = findings.stream().anyMatch(f -> f.ruleId().equals("MCP-LOG-003"));
                        System.out.printf(Locale.ROOT, "%-16s run %d: %6.2f s, %6.1f MiB/s (budget %d s: %s); all %d "
                                + "tokens found: %s; all %d own values found: %s%n", known ? "--known-values" : "formats only",
                                run, s, Files.size(log) / MIB / s, LogScanOptions.DEFAULT_BUDGET_SECONDS,
                                cut ? "RAN OUT" : "within", planted[0], tokens, planted[1], known ? own : "n/a");
                    }
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes the log; returns how many tokens and own values were planted. */
    private static long[] generate(Path log, long size) throws IOException {
        Files.createDirectories(log.getParent());
        long written = 0;
        long tokens = 0;
        long own = 0;
        long nextToken = 1 << 20;
        long nextOwn = 3L << 20;
        long nextBig = 2L << 20;
        String big = "x".repeat(16) + " result row ".repeat((256 << 10) / 12);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log), 1 << 20)) {
            for (long i = 0; written < size; i++) {
                String line;
                if (written >= nextToken) {
                    line = ts(i) + " [github] [error] Bad credentials for " + TOKEN + " { metadata: undefined }\n";
                    nextToken += 5L << 20;
                    tokens++;
                } else if (written >= nextOwn) {
                    line = ts(i) + " [github] [info] Message from server: {\"error\":\"password authentication failed "
                            + "for " + OWN + "\"}\n";
                    nextOwn += 25L << 20;
                    own++;
                } else if (written >= nextBig) {
                    line = ts(i) + " [github] [info] Message from server: {\"jsonrpc\":\"2.0\",\"id\":" + i
                            + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + big + "\"}]}}\n";
                    nextBig += 8L << 20;
                } else if (i % 3 == 0) {
                    line = ts(i) + " [github] [info] Message from client: {\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"search_repositories\",\"arguments\":{\"query\":\"user:octocat topic:mcp page " + i
                            + "\"}},\"jsonrpc\":\"2.0\",\"id\":" + i + "}\n";
                } else {
                    line = ts(i) + " [github] [info] Message from server: {\"jsonrpc\":\"2.0\",\"id\":" + i
                            + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"total_count\\\": " + (i % 977)
                            + ", \\\"items\\\": [{\\\"full_name\\\": \\\"octocat/hello-world\\\"}]}\"}]}} { metadata: undefined }\n";
                }
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                out.write(b);
                written += b.length;
            }
        }
        return new long[] {tokens, own};
    }

    private static String ts(long i) {
        return "2025-07-20T00:" + String.format(Locale.ROOT, "%02d:%02d.%03dZ", (i / 60000) % 60, (i / 1000) % 60, i % 1000);
    }
}
