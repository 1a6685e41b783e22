package dev.mcpsecrets.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.bridge.BridgeException;
import dev.mcpsecrets.bridge.BridgeExit;
import dev.mcpsecrets.bridge.McpBridge;
import dev.mcpsecrets.tck.CapturedLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeSessionTest {
    private static final String TOKEN = "PLANTED-bridge-token-7f3a9c";
    private static final String NEW_TOKEN = "PLANTED-rotated-token-51b2e0";

    @TempDir
    Path dir;

    private Secrets secrets;

    @BeforeEach
    void setUp() {
        assertThat(CapturedLogs.isActive()).as("log lines are captured, so the no-leak check means something").isTrue();
        CapturedLogs.clear();
        secrets = Secrets.builder().environment(Map.of("REMOTE_TOKEN", TOKEN)).build();
    }

    @AfterEach
    void tearDown() {
        secrets.close();
        assertThat(CapturedLogs.lines()).noneMatch(l -> l.contains(TOKEN) || l.contains(NEW_TOKEN));
    }

    private McpBridge bridge(String url, String header) {
        return McpBridge.builder(url).headerLine(header).secrets(secrets).connectDeadline(Duration.ofSeconds(3)).build();
    }

    @Test
    void forwardsEachMessageByteForByteWithTheSessionAndNegotiatedVersion() throws Exception {
        try (FakeRemote remote = new FakeRemote();
                BridgeHarness client = new BridgeHarness(bridge(remote.url("/mcp"), "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
            client.send(BridgeHarness.INITIALIZE);
            assertThat(client.next()).contains("\"protocolVersion\":\"2025-06-18\"").contains("\"id\":0");
            client.send(BridgeHarness.INITIALIZED);
            // odd spacing, key order and a number format a parser would normalise: must arrive as written
            String call = "{ \"params\" : {\"name\":\"echo\",\"arguments\":{\"n\":1.50e0}} ,\"id\":\"a-1\","
                    + "\"method\":\"tools/call\",\"jsonrpc\":\"2.0\"}";
            client.send(call);
            assertThat(client.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}");
            assertThat(client.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"result\":{\"echo\":\"tools/call\"}}");

            FakeRemote.Request init = remote.posts().get(0);
            assertThat(init.text()).isEqualTo(BridgeHarness.INITIALIZE);
            assertThat(init.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(init.header("Accept")).contains("application/json").contains("text/event-stream");
            assertThat(init.header("Mcp-Session-Id")).isNull();
            FakeRemote.Request forwarded = remote.posts().stream().filter(r -> r.text().contains("tools/call")).findFirst()
                    .orElseThrow();
            assertThat(forwarded.body()).isEqualTo(call.getBytes(StandardCharsets.UTF_8));
            assertThat(forwarded.header("Mcp-Session-Id")).isEqualTo(FakeRemote.SESSION);
            assertThat(forwarded.header("MCP-Protocol-Version")).isEqualTo("2025-06-18");
            assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            // the GET stream is tried after notifications/initialized (405: the server offers none)
            waitFor(() -> remote.requests.stream().anyMatch(r -> r.method().equals("GET")));
            client.closeInput();
            assertThat(client.awaitEnd()).isNull();
            // the session is ended for the server when the client leaves
            waitFor(() -> remote.requests.stream().anyMatch(r -> r.method().equals("DELETE")
                    && FakeRemote.SESSION.equals(r.header("Mcp-Session-Id"))));
        }
    }

    /** A POST's stream that breaks off after an event with an id is resumed with GET and Last-Event-ID. */
    @Test
    void resumesABrokenResponseStreamAfterItsLastEventId() throws Exception {
        try (FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> {
                String method = FakeRemote.method(r.text());
                if (r.method().equals("GET")) {
                    if (!"ev-1".equals(r.header("Last-Event-ID"))) {
                        ex.sendResponseHeaders(405, -1);
                        return;
                    }
                    FakeRemote.sse(ex, "id: ev-2\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"resumed\":true}}\n\n");
                } else if ("tools/call".equals(method)) {
                    // a progress notification with an id, then the connection ends before the response
                    FakeRemote.sse(ex, "retry: 50\nid: ev-1\nevent: message\ndata: {\"jsonrpc\":\"2.0\","
                            + "\"method\":\"notifications/progress\",\"params\":{}}\n\n");
                } else {
                    FakeRemote.streamable(ex, r);
                }
            };
            assertThat(slowCallAnswer(remote, 7)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"resumed\":true}}");
            assertThat(remote.requests).filteredOn(r -> r.method().equals("GET") && r.header("Last-Event-ID") != null)
                    .singleElement().satisfies(get -> {
                        assertThat(get.header("Last-Event-ID")).isEqualTo("ev-1");
                        assertThat(get.header("Mcp-Session-Id")).isEqualTo(FakeRemote.SESSION);
                        assertThat(get.header("Authorization")).isEqualTo("Bearer " + TOKEN);
                    });
        }
    }

    /** Without event ids there is nothing to resume from: the open request gets an error, and no GET asks. */
    @Test
    void aBrokenStreamWithoutEventIdsAnswersTheRequestWithAnError() throws Exception {
        try (FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> {
                if ("tools/call".equals(FakeRemote.method(r.text()))) {
                    FakeRemote.sse(ex, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                            + "\"params\":{}}\n\n");
                } else {
                    FakeRemote.streamable(ex, r);
                }
            };
            assertThat(slowCallAnswer(remote, 8)).contains("\"id\":8").contains("\"error\"");
            assertThat(remote.requests).noneMatch(r -> r.header("Last-Event-ID") != null);
        }
    }

    /** Initializes a session, calls the tool "slow" with this id, and returns its response after the progress note. */
    private String slowCallAnswer(FakeRemote remote, int id) throws Exception {
        try (BridgeHarness client = new BridgeHarness(bridge(remote.url("/mcp"), "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
            client.send(BridgeHarness.INITIALIZE);
            assertThat(client.next()).contains("\"id\":0");
            client.send(BridgeHarness.INITIALIZED);
            client.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}");
            assertThat(client.next()).contains("notifications/progress");
            return client.nextResponse();
        }
    }

    @Test
    void followsARedirectWithinTheOriginOnly() throws Exception {
        try (FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> {
                if (r.path().equals("/old")) {
                    ex.getResponseHeaders().set("Location", "/mcp");
                    ex.sendResponseHeaders(307, -1);
                    return;
                }
                FakeRemote.streamable(ex, r);
            };
            try (BridgeHarness client = new BridgeHarness(bridge(remote.url("/old"), "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
                client.send(BridgeHarness.INITIALIZE);
                assertThat(client.next()).contains("\"result\"");
                assertThat(remote.posts()).extracting(FakeRemote.Request::path).containsExactly("/old", "/mcp");
                assertThat(remote.posts().get(1).text()).isEqualTo(BridgeHarness.INITIALIZE);
            }
        }
    }

    @Test
    void refusesARedirectToAnotherOriginAndSendsItNothing() throws Exception {
        try (FakeRemote elsewhere = new FakeRemote(); FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> {
                ex.getResponseHeaders().set("Location", elsewhere.url("/mcp"));
                ex.sendResponseHeaders(308, -1);
            };
            try (BridgeHarness client = new BridgeHarness(bridge(remote.url("/mcp"), "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
                client.send(BridgeHarness.INITIALIZE);
                String answer = client.next();
                assertThat(answer).contains("\"id\":0").contains("\"error\"").contains("another origin");
                BridgeException end = client.awaitEnd();
                assertThat(end.exit()).isEqualTo(BridgeExit.REMOTE_FAILED);
                assertThat(end.getMessage()).contains("http://127.0.0.1:" + elsewhere.server.getAddress().getPort())
                        .doesNotContain(TOKEN);
                assertThat(elsewhere.requests).isEmpty();
            }
        }
    }

    @Test
    void retriesWhileTheServerCannotBeReachedAndThenDelivers() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/mcp";
        try (BridgeHarness client = new BridgeHarness(bridge(url, "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
            client.send(BridgeHarness.INITIALIZE);
            Thread.sleep(600); // a few refused connections
            try (FakeRemote remote = new FakeRemote(port)) {
                assertThat(client.next()).contains("\"result\"");
                // delivered exactly once: only attempts that never connected were repeated
                assertThat(remote.posts()).hasSize(1);
            }
        }
    }

    @Test
    void givesUpAtTheDeadlineWithAnErrorResponseNotAHang() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        McpBridge b = McpBridge.builder("http://127.0.0.1:" + port + "/mcp").headerLine("Authorization: Bearer {env:REMOTE_TOKEN}")
                .secrets(secrets).connectDeadline(Duration.ofMillis(700)).build();
        try (BridgeHarness client = new BridgeHarness(b)) {
            client.send(BridgeHarness.INITIALIZE);
            String answer = client.next();
            assertThat(answer).contains("\"id\":0").contains("\"error\"").contains("cannot connect to http://127.0.0.1:" + port);
            BridgeException end = client.awaitEnd();
            assertThat(end.exit()).isEqualTo(BridgeExit.REMOTE_FAILED);
            assertThat(end.getMessage()).contains("attempt").contains("within 0.7 s");
        }
    }

    @Test
    void resolvesAgainOn401AndRetriesWithTheNewerValue() throws Exception {
        Path tokenFile = privateFile("token", TOKEN);
        try (FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> {
                if (!("Bearer " + NEW_TOKEN).equals(r.header("Authorization"))) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                FakeRemote.streamable(ex, r);
            };
            McpBridge b = bridge(remote.url("/mcp"), "Authorization: Bearer {file:" + tokenFile + "}");
            // the token was rotated in the store after the bridge started
            Files.writeString(tokenFile, NEW_TOKEN);
            try (BridgeHarness client = new BridgeHarness(b)) {
                client.send(BridgeHarness.INITIALIZE);
                assertThat(client.next()).contains("\"result\"");
                assertThat(remote.posts()).extracting(r -> r.header("Authorization"))
                        .containsExactly("Bearer " + TOKEN, "Bearer " + NEW_TOKEN);
            }
        }
    }

    @Test
    void rejectedCredentialsEndTheBridgeNamingTheHeaderAndReferenceNeverTheValue() throws Exception {
        try (FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> ex.sendResponseHeaders(401, -1);
            try (BridgeHarness client = new BridgeHarness(bridge(remote.url("/mcp"), "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
                client.send(BridgeHarness.INITIALIZE);
                String answer = client.next();
                assertThat(answer).contains("\"id\":0").contains("\"error\"").contains("401");
                BridgeException end = client.awaitEnd();
                assertThat(end.exit()).isEqualTo(BridgeExit.CREDENTIALS_REJECTED);
                assertThat(end.exit().code()).isEqualTo(3);
                assertThat(end.getMessage()).contains("'Authorization'").contains("{env:REMOTE_TOKEN}")
                        .contains("HTTP 401").doesNotContain(TOKEN);
                assertThat(client.allOutput).noneMatch(l -> l.contains(TOKEN));
            }
        }
    }

    @Test
    void aServerThatDiesMidAnswerGetsTheClientAnErrorNotAHang() throws Exception {
        CountDownLatch dying = new CountDownLatch(1);
        try (FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> {
                if (r.text().contains("tools/call")) {
                    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    out.write(": working\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    dying.countDown();
                    // the process dies: the connection is cut without a response
                    remote.server.stop(0);
                    return;
                }
                FakeRemote.streamable(ex, r);
            };
            try (BridgeHarness client = new BridgeHarness(bridge(remote.url("/mcp"), "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
                client.send(BridgeHarness.INITIALIZE);
                client.next();
                client.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}");
                assertThat(dying.await(10, TimeUnit.SECONDS)).isTrue();
                String answer = client.nextResponse();
                assertThat(answer).contains("\"id\":7").contains("\"error\"").contains("\"code\":-32000");
                // later requests find nobody there: an error after the connect deadline, again no hang
                client.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}");
                assertThat(client.nextResponse()).contains("\"id\":8").contains("cannot connect");
            }
        }
    }

    @Test
    void fallsBackToHttpPlusSseWhenTheInitializePostIsRefused() throws Exception {
        AtomicReference<OutputStream> stream = new AtomicReference<>();
        CountDownLatch streamOpen = new CountDownLatch(1);
        try (FakeRemote remote = new FakeRemote()) {
            remote.handler = (ex, r) -> legacy(ex, r, stream, streamOpen);
            try (BridgeHarness client = new BridgeHarness(bridge(remote.url("/sse"), "Authorization: Bearer {env:REMOTE_TOKEN}"))) {
                client.send(BridgeHarness.INITIALIZE);
                assertThat(client.next()).contains("\"id\":0").contains("\"serverInfo\"");
                client.send(BridgeHarness.INITIALIZED);
                client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
                assertThat(client.next()).contains("\"id\":1").contains("tools/list");
                assertThat(remote.requests).extracting(r -> r.method() + " " + r.path()).startsWith(
                        "POST /sse", "GET /sse", "POST /messages?sessionId=abc");
                assertThat(remote.requests).allMatch(r -> ("Bearer " + TOKEN).equals(r.header("Authorization")));
            }
        }
    }

    /** A server of the 2024-11-05 transport: GET /sse opens the stream, POST /messages answers on it. */
    private static void legacy(HttpExchange ex, FakeRemote.Request r, AtomicReference<OutputStream> stream,
            CountDownLatch open) throws IOException {
        if (r.method().equals("GET") && r.path().equals("/sse")) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("event: endpoint\ndata: /messages?sessionId=abc\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            stream.set(out);
            open.countDown();
            try {
                Thread.sleep(30_000); // the stream stays open; the exchange ends with the test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (r.method().equals("POST") && r.path().startsWith("/messages")) {
            ex.sendResponseHeaders(202, -1);
            String id = FakeRemote.id(r.text());
            if (id != null) {
                String method = FakeRemote.method(r.text());
                String result = "initialize".equals(method)
                        ? "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}"
                        : "{\"echo\":\"" + method + "\"}";
                OutputStream out = stream.get();
                synchronized (out) {
                    out.write(("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            return;
        }
        ex.sendResponseHeaders(405, -1);
    }

    private Path privateFile(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
