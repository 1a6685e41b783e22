package dev.mcpsecrets.examples.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal MCP client over a child's stdin/stdout that keeps every line the server printed. */
final class StdioClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final OutputStream stdin;
    private final Path stderr;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

    private StdioClient(Process process, Path stderr) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = stderr;
        Thread reader = new Thread(this::readStdout, "stdout-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static StdioClient start(List<String> command, Map<String, String> env, Path workDir) throws IOException {
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("FILES_") || k.startsWith("MCP_SECRETS") || k.equals("CLAUDE_ENV"));
        pb.environment().putAll(env);
        return new StdioClient(pb.start(), err);
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
                try {
                    messages.add(JSON.readTree(line));
                } catch (RuntimeException notJson) {
                    // kept in lines(); the test fails on it
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Sends a request and waits for the response with the same id. */
    JsonNode request(int id, String method, Map<String, Object> params) throws Exception {
        send(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && m.path("id").asInt(-1) == id) {
                return m;
            }
            if (m == null && !process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("no response to " + method + "; stderr: " + stderr());
    }

    void notify(String method) throws IOException {
        send(Map.of("jsonrpc", "2.0", "method", method));
    }

    JsonNode initialize() throws Exception {
        JsonNode init = request(1, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "e2e-test", "version", "1")));
        notify("notifications/initialized");
        return init;
    }

    private void send(Map<String, Object> message) throws IOException {
        stdin.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes stdin (as a client does to stop the server) and waits for the exit code. */
    int closeAndWait() throws Exception {
        stdin.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not exit after stdin closed");
        }
        return process.exitValue();
    }

    int waitForExit() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not exit; stderr: " + stderr());
        }
        Thread.sleep(100); // let the reader take the last lines
        return process.exitValue();
    }

    List<String> stdoutLines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    static JsonNode parse(String line) {
        return JSON.readTree(line);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
