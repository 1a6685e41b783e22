package dev.mcpsecrets.bridge.internal;

import dev.mcpsecrets.bridge.BridgeException;
import dev.mcpsecrets.bridge.McpBridge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs a bridge on a thread, with the test as its client: lines in, lines out. */
final class BridgeHarness implements AutoCloseable {
    private final PipedOutputStream toBridge = new PipedOutputStream();
    private final BlockingQueue<String> fromBridge = new LinkedBlockingQueue<>();
    final List<String> allOutput = new ArrayList<>();
    final CompletableFuture<BridgeException> ended = new CompletableFuture<>();

    BridgeHarness(McpBridge bridge) throws IOException {
        PipedInputStream in = new PipedInputStream(toBridge, 1 << 20);
        OutputStream out = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    synchronized (allOutput) {
                        allOutput.add(s);
                    }
                    fromBridge.add(s);
                } else {
                    line.write(b);
                }
            }
        };
        Thread t = new Thread(() -> {
            try {
                bridge.run(in, out);
                ended.complete(null);
            } catch (BridgeException e) {
                ended.complete(e);
            } catch (Throwable e) {
                ended.completeExceptionally(e);
            }
        }, "bridge-under-test");
        t.setDaemon(true);
        t.start();
    }

    void send(String line) throws IOException {
        toBridge.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toBridge.flush();
    }

    /** The next line the bridge wrote, waiting up to 15 s (a hang fails the test instead of blocking it). */
    String next() throws InterruptedException {
        String s = fromBridge.poll(15, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no message from the bridge within 15 s");
        }
        return s;
    }

    /** The next line that is a response (has "id" and "result"/"error", no "method"). */
    String nextResponse() throws InterruptedException {
        while (true) {
            String s = next();
            if (!s.contains("\"method\"")) {
                return s;
            }
        }
    }

    BridgeException awaitEnd() throws Exception {
        return ended.get(20, TimeUnit.SECONDS);
    }

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    /** What a client does when it leaves: closes the bridge's stdin. */
    void closeInput() throws IOException {
        toBridge.close();
    }

    @Override
    public void close() throws IOException {
        closeInput();
    }
}
