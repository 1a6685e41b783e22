package dev.mcpsecrets.bench.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Generates the tree the policy benchmark scans: a 1,000-server Claude Desktop config, a directory of
 * text files (code, configs, logs, prose, base64 blobs) with planted fake secrets, and a git repository
 * with 1,000 commits made by one {@code git fast-import}. Seeded, so every run scans the same bytes.
 */
final class AuditTree {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] CODE = {
        "    public static final int DEFAULT_TIMEOUT = 30_000; // milliseconds",
        "    const response = await fetch(`${baseUrl}/api/v1/items?page=${page}`, { headers });",
        "    if (token == null || token.isBlank()) { throw new IllegalStateException(\"no token configured\"); }",
        "def load_settings(path: str) -> dict:  # reads the YAML file and validates the schema",
        "    logger.info(\"connected to %s in %d ms\", host, elapsed)",
        "  \"dependencies\": { \"express\": \"^4.19.2\", \"zod\": \"^3.23.8\", \"pino\": \"^9.3.2\" },",
        "2026-11-27T04:45:10.123Z INFO  [main] dev.example.Server - listening on http://127.0.0.1:8080",
        "The password policy requires twelve characters; rotate API keys every ninety days as the guide says.",
        "      - name: Run tests\n        run: ./mvnw -B verify\n        env:\n          CI: true",
        "SELECT id, name, created_at FROM accounts WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 50;",
        "export PATH=\"$HOME/.local/bin:$PATH\"  # secret sauce: none",
    };

    final Path root;
    final Path config;
    final Path files;
    final Path repo;
    int plantedSecrets;

    private final Random random = new Random(20261127L);

    AuditTree(Path root) {
        this.root = root;
        this.config = root.resolve("claude_desktop_config.json");
        this.files = root.resolve("files");
        this.repo = root.resolve("repo");
    }

    String token(String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    private String secretLine() {
        plantedSecrets++;
        switch (random.nextInt(6)) {
            case 0:
                return "GITHUB_TOKEN=" + token("ghp_", 36);
            case 1:
                return "  \"SLACK_BOT_TOKEN\": \"xoxb-" + (1_000_000_000L + random.nextInt(999_999_999)) + "-"
                        + (1_000_000_000_000L + random.nextInt(999_999_999)) + "-" + token("", 24) + "\",";
            case 2:
                return "aws_access_key_id = AKIA" + token("", 16).toUpperCase().replace('0', '2').replace('1', '3')
                        .replace('8', '4').replace('9', '5');
            case 3:
                return "DATABASE_URL=postgresql://app:" + token("", 16) + "@db" + random.nextInt(100) + ".example.com/app";
            case 4:
                return "npm_config_token=" + token("npm_", 36);
            default:
                return "OPENAI_API_KEY=" + token("sk-proj-", 64);
        }
    }

    /** Writes files of about {@code fileBytes} each until {@code totalBytes} are written. */
    void writeFiles(long totalBytes, int fileBytes) throws IOException {
        Files.createDirectories(files);
        long written = 0;
        int n = 0;
        while (written < totalBytes) {
            StringBuilder sb = new StringBuilder(fileBytes + 512);
            int nextSecret = random.nextInt(fileBytes);
            while (sb.length() < fileBytes) {
                if (random.nextInt(40) == 0) {
                    sb.append(token("", 76)).append('\n');
                } else {
                    sb.append(CODE[random.nextInt(CODE.length)]).append(' ').append(random.nextInt(100_000)).append('\n');
                }
                if (sb.length() > nextSecret) {
                    sb.append(secretLine()).append('\n');
                    nextSecret = Integer.MAX_VALUE;
                }
            }
            Path f = files.resolve(String.format("dir%02d/file%04d.%s", n % 16, n, new String[] {"js", "py", "yaml", "log", "md"}[n % 5]));
            Files.createDirectories(f.getParent());
            Files.writeString(f, sb, StandardCharsets.UTF_8);
            written += sb.length();
            n++;
        }
    }

    /** A Claude Desktop config with this many servers: every tenth with a plaintext token, every fiftieth filesystem server given "/". */
    void writeConfig(int servers) throws IOException {
        try (Writer w = Files.newBufferedWriter(config)) {
            w.write("{\n  \"mcpServers\": {\n");
            for (int i = 0; i < servers; i++) {
                String env = i % 10 == 0 ? "\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + token("ghp_", 36) + "\""
                        : "\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"op://Private/GitHub/token\"";
                String root = i % 50 == 1 ? "/" : "/home/user/projects/p" + i;
                w.write("    \"server-" + i + "\": {\"command\": \"npx\", \"args\": [\"-y\", "
                        + (i % 2 == 0 ? "\"@modelcontextprotocol/server-github\"" : "\"@modelcontextprotocol/server-filesystem\", \"" + root + "\"")
                        + "], \"env\": {" + env + ", \"LOG_LEVEL\": \"info\"}}" + (i + 1 < servers ? "," : "") + "\n");
            }
            w.write("  }\n}\n");
        }
    }

    /** A repository with this many commits, each changing one file; every 25th adds a secret. */
    void writeRepository(int commits) throws IOException, InterruptedException {
        Files.createDirectories(repo);
        run(repo, List.of("git", "init", "-q", "-b", "main"), null);
        StringBuilder stream = new StringBuilder();
        for (int c = 1; c <= commits; c++) {
            StringBuilder content = new StringBuilder();
            for (int l = 0; l < 20; l++) {
                content.append(CODE[random.nextInt(CODE.length)]).append(' ').append(c).append('\n');
            }
            if (c % 25 == 0) {
                content.append(secretLine()).append('\n');
            }
            byte[] data = content.toString().getBytes(StandardCharsets.UTF_8);
            stream.append("commit refs/heads/main\nmark :").append(c).append('\n')
                    .append("committer Bench <bench@example.com> ").append(1_700_000_000L + c * 60L).append(" +0000\n")
                    .append("data 9\ncommit ").append(String.format("%2d", c % 100)).append('\n');
            if (c > 1) {
                stream.append("from :").append(c - 1).append('\n');
            }
            stream.append("M 100644 inline src/module").append(c % 40).append(".txt\ndata ").append(data.length).append('\n')
                    .append(content).append('\n');
        }
        run(repo, List.of("git", "fast-import", "--quiet"), stream.toString().getBytes(StandardCharsets.UTF_8));
        run(repo, List.of("git", "checkout", "-q", "main"), null);
    }

    static void run(Path dir, List<String> command, byte[] stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
