package dev.mcpsecrets.examples.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a remote MCP server on the official Java SDK and Tomcat requiring a bearer token, the packaged
 * {@code mcp-secrets bridge} in front of it with the token from a {@code .env} reference, and the official
 * TypeScript SDK's stdio client (from {@code .ci/node}) calling initialize, tools/list and tools/call
 * through it. The planted token must appear in no stream, no argv and no log.
 */
class BridgeIT {
    private static final Path LAUNCHER = Path.of("../../bin/mcp-secrets").toAbsolutePath().normalize();
    private static final Path NODE_MODULES = Path.of("../../.ci/node/node_modules").toAbsolutePath().normalize();
    private static final String TOKEN = "PLANTED-remote-token-9c4e71b2";
    private static final String WRONG = "PLANTED-wrong-token-0d3a55";

    @TempDir
    Path tmp;
    Path home;
    Path dotenv;

    @BeforeEach
    void layout() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        dotenv = privateFile(tmp.resolve("remote.env"), "REMOTE_TOKEN=" + TOKEN + "\n");
    }

    @Test
    void typeScriptClientCallsToolsThroughTheBridgeOverStreamableHttp() throws Exception {
        try (RemoteServer server = RemoteServer.start(0, false, Secret.of(TOKEN))) {
            List<String> lines = typeScriptClient("http://127.0.0.1:" + server.port() + "/mcp");
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"step\":\"initialize\"").contains("remote-mcp-server"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"step\":\"tools/list\"").contains("\"echo\""));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"step\":\"tools/call\"")
                    .contains("echo: hello through the bridge"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"step\":\"closed\""));
        }
    }

    @Test
    void typeScriptClientReachesALegacySseOnlyServerThroughTheBridge() throws Exception {
        try (RemoteServer server = RemoteServer.start(0, true, Secret.of(TOKEN))) {
            List<String> lines = typeScriptClient("http://127.0.0.1:" + server.port() + "/sse");
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"step\":\"tools/list\"").contains("\"echo\""));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"step\":\"tools/call\"")
                    .contains("echo: hello through the bridge"));
        }
    }

    @Test
    void aWrongTokenEndsWithAClearMessageAndExitCode3() throws Exception {
        privateFile(dotenv, "REMOTE_TOKEN=" + WRONG + "\n");
        try (RemoteServer server = RemoteServer.start(0, false, Secret.of(TOKEN))) {
            Process bridge = bridge(List.of("--header", "Authorization: Bearer {dotenv:" + dotenv + "#REMOTE_TOKEN}",
                    "http://127.0.0.1:" + server.port() + "/mcp"));
            CompletableFuture<String> err = drain(bridge.getErrorStream());
            send(bridge, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            String answer = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(bridge.exitValue()).isEqualTo(3);
            assertThat(answer).contains("\"id\":1").contains("\"error\"").contains("HTTP 401");
            String stderr = err.get(10, TimeUnit.SECONDS);
            assertThat(stderr).contains("HTTP 401 Unauthorized").contains("'Authorization'")
                    .contains("{dotenv:" + dotenv + "#REMOTE_TOKEN}");
            assertThat(answer + stderr).doesNotContain(WRONG).doesNotContain(TOKEN);
        }
    }

    @Test
    void bridgesTheEntryOfATrustedConfigAndRefusesAnUntrustedOne() throws Exception {
        try (RemoteServer server = RemoteServer.start(0, false, Secret.of(TOKEN))) {
            Path config = tmp.resolve("mcp.json");
            Files.writeString(config, "{\"mcpServers\": {\"remote\": {\"type\": \"http\", \"url\": \"http://127.0.0.1:"
                    + server.port() + "/mcp\", \"headers\": {\"Authorization\": \"Bearer {dotenv:" + dotenv
                    + "#REMOTE_TOKEN}\"}}}}\n");
            List<String> args = List.of("--config", config.toString(), "--server", "remote");
            Process untrusted = bridge(args);
            CompletableFuture<String> refusal = drain(untrusted.getErrorStream());
            untrusted.getOutputStream().close();
            assertThat(untrusted.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(untrusted.exitValue()).isEqualTo(2);
            assertThat(refusal.get(10, TimeUnit.SECONDS)).contains("is not trusted").contains("mcp-secrets trust");

            ProcessBuilder trust = new ProcessBuilder(LAUNCHER.toString(), "trust", config.toString()).redirectErrorStream(true);
            trust.environment().put("HOME", home.toString());
            Process t = trust.start();
            t.getOutputStream().close();
            assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(t.exitValue()).as(new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

            Process bridge = bridge(args);
            CompletableFuture<String> err = drain(bridge.getErrorStream());
            send(bridge, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            String answer = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(answer).contains("\"id\":1").contains("remote-mcp-server");
            bridge.getOutputStream().close();
            assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(bridge.exitValue()).isZero();
            assertThat(answer + err.get(10, TimeUnit.SECONDS)).doesNotContain(TOKEN);
        }
    }

    /** Runs the TypeScript client against the bridge; checks the bridge's argv while it runs; returns the client's lines. */
    private List<String> typeScriptClient(String url) throws Exception {
        requireNodeClient();
        Path script = tmp.resolve("bridge-client.cjs");
        try (var in = BridgeIT.class.getResourceAsStream("/bridge-client.cjs")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString(), NODE_MODULES.toString(),
                LAUNCHER.toString(), "bridge", "--header", "Authorization: Bearer {dotenv:" + dotenv + "#REMOTE_TOKEN}", url));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", home.toString());
        Process node = pb.start();
        CompletableFuture<String> nodeErr = drain(node.getErrorStream());
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String cmdline = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.contains("\"step\":\"pid\"")) {
                long pid = Long.parseLong(line.replaceAll(".*\"pid\":([0-9]+).*", "$1"));
                cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                send(node, "go");
            }
        }
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String errors = nodeErr.get(10, TimeUnit.SECONDS);
        assertThat(node.exitValue()).as("client output %s, stderr %s", lines, errors).isZero();
        assertThat(cmdline).as("the bridge's argv").contains("bridge").contains("{dotenv:").doesNotContain(TOKEN);
        assertThat(String.join("\n", lines) + errors).doesNotContain(TOKEN);
        return lines;
    }

    private Process bridge(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "bridge"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", home.toString());
        return pb.start();
    }

    private static void send(Process p, String line) throws IOException {
        OutputStream in = p.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static CompletableFuture<String> drain(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }

    private static Path privateFile(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The TypeScript SDK is installed by .ci/run: skipped with the reason outside CI, a failure in CI. */
    private static void requireNodeClient() throws InterruptedException {
        String missing = null;
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing = "node does not run";
            }
        } catch (IOException e) {
            missing = "node is not on PATH";
        }
        if (missing == null && !Files.isDirectory(NODE_MODULES.resolve("@modelcontextprotocol/sdk"))) {
            missing = "@modelcontextprotocol/sdk is not in " + NODE_MODULES
                    + " (npm install --prefix .ci/node @modelcontextprotocol/sdk@1.32.2, as .ci/run does)";
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true must run the TypeScript client end to end: " + missing);
            }
            Assumptions.abort("skipped outside CI: " + missing);
        }
    }

}
