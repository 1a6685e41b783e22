package dev.mcpsecrets.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the bridge: reads the client's messages from stdin, one per line, and delivers each to
 * the remote server unchanged; relays the server's messages to stdout. The first {@code initialize}
 * chooses the transport. It ends when the client closes stdin, or on a failure that no later message
 * could get past (credentials rejected, session ended, server speaks no MCP); then every request still
 * waiting is answered with a JSON-RPC error first.
 */
public final class BridgeSession {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeSession.class);

    private final URI endpoint;
    private final RemoteHttp http;
    private final Duration connectDeadline;
    private final int maxMessageBytes;
    private final ExecutorService executor;
    private final CompletableFuture<BridgeFailure> end = new CompletableFuture<>();
    private ClientOutput output;
    private volatile Transport transport;

    /**
     * @param endpoint the remote server's URL, already checked
     * @param headers the headers, already resolved
     * @param client the HTTP client (redirects off)
     * @param connectDeadline how long connection attempts are retried
     * @param maxMessageBytes the largest message accepted in either direction
     * @param sleeper waits between connection attempts
     */
    public BridgeSession(URI endpoint, HeaderSet headers, HttpClient client, Duration connectDeadline,
            int maxMessageBytes, RemoteHttpSleeper sleeper) {
        this.endpoint = endpoint;
        this.connectDeadline = connectDeadline;
        this.maxMessageBytes = maxMessageBytes;
        this.http = new RemoteHttp(client, headers, connectDeadline, sleeper::sleep);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
    }

    /** Waits between connection attempts ({@link Thread#sleep} outside tests). */
    @FunctionalInterface
    public interface RemoteHttpSleeper {
        /**
         * @param millis how long
         * @throws InterruptedException when interrupted
         */
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Runs until the client closes {@code in} or a failure ends the session.
     *
     * @param in the client's messages
     * @param out where the server's messages go
     * @throws BridgeFailure for a failure that ended the session
     * @throws InterruptedException when interrupted
     */
    public void run(InputStream in, OutputStream out) throws InterruptedException {
        output = new ClientOutput(out);
        Thread reader = new Thread(() -> readClient(in), "mcp-bridge-stdin");
        reader.setDaemon(true);
        reader.start();
        BridgeFailure failure;
        try {
            failure = end.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            Transport t = transport;
            if (t != null) {
                t.close();
            }
        }
        if (failure != null) {
            output.failAll(failure.getMessage());
            executor.shutdownNow();
            throw failure;
        }
        executor.shutdownNow();
    }

    private void fail(BridgeFailure e) {
        end.complete(e);
    }

    private void readClient(InputStream in) {
        LineReader lines = new LineReader(in, maxMessageBytes);
        try {
            while (!end.isDone()) {
                byte[] line;
                try {
                    line = lines.next();
                } catch (LineReader.TooLong e) {
                    LOG.warn("a client message longer than {} bytes was dropped", maxMessageBytes);
                    output.parseError("message longer than " + maxMessageBytes + " bytes; dropped");
                    continue;
                }
                if (line == null) {
                    break;
                }
                if (isBlank(line)) {
                    continue;
                }
                handle(line);
            }
        } catch (IOException e) {
            LOG.debug("reading the client's messages failed ({})", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BridgeFailure e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.error("the bridge stopped on an unexpected error ({})", e.getClass().getName());
            fail(new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, "stopped on an unexpected error ("
                    + e.getClass().getSimpleName() + ")"));
        }
        end.complete(null);
    }

    private void handle(byte[] line) throws InterruptedException {
        Optional<JsonRpc.ClientMessage> parsed = JsonRpc.inspectClient(line);
        if (parsed.isEmpty()) {
            output.parseError("a line from the client is not a JSON-RPC message; not forwarded");
            return;
        }
        JsonRpc.ClientMessage m = parsed.get();
        m.requestIds().forEach(output::expect);
        Transport t = transport;
        if (t == null) {
            connect(line, m);
        } else if (t.concurrentRequests() && m.hasRequests() && m.initializeId() == null) {
            executor.execute(() -> deliver(t, line, m));
        } else {
            deliver(t, line, m);
        }
    }

    /** The first message: Streamable HTTP, or HTTP+SSE when the server answers the initialize POST with 4xx. */
    private void connect(byte[] line, JsonRpc.ClientMessage m) throws InterruptedException {
        StreamableHttp streamable = new StreamableHttp(http, endpoint, output, executor, this::fail, maxMessageBytes);
        if (m.initializeId() == null) {
            transport = streamable;
            deliver(streamable, line, m);
            return;
        }
        try {
            Optional<Integer> refused = streamable.initialize(line, m);
            if (refused.isEmpty()) {
                transport = streamable;
                if (output.isPending(m.initializeId())) {
                    // the server is reachable but did not answer initialize: nothing later can work
                    fail(new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(endpoint)
                            + " did not answer the initialize request"));
                }
                return;
            }
            LOG.info("{} answered the Streamable HTTP initialize with HTTP {}; trying HTTP+SSE (2024-11-05)",
                    Origins.origin(endpoint), refused.get());
            LegacySse legacy = LegacySse.open(http, endpoint, refused.get(), output, executor, this::fail,
                    connectDeadline, maxMessageBytes);
            transport = legacy;
            deliver(legacy, line, m);
        } catch (IOException e) {
            fail(new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, reason(e, "the initialize request failed")));
        } catch (BridgeFailure e) {
            fail(e);
        }
    }

    private void deliver(Transport t, byte[] line, JsonRpc.ClientMessage m) {
        try {
            t.deliver(line, m);
        } catch (BridgeFailure e) {
            fail(e);
        } catch (IOException e) {
            String reason = reason(e, "the exchange failed");
            LOG.warn("{}", reason);
            output.fail(m.requestIds(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.fail(m.requestIds(), "interrupted");
        } catch (RuntimeException e) {
            LOG.warn("delivering a message failed ({})", e.getClass().getName());
            output.fail(m.requestIds(), "delivering the message failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The unreachable message names the origin and attempts; other I/O failures only by kind. */
    private String reason(IOException e, String what) {
        return e instanceof RemoteHttp.Unreachable ? e.getMessage()
                : Origins.origin(endpoint) + ": " + what + " (" + e.getClass().getSimpleName() + ")";
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mcp-bridge-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
