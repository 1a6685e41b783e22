package dev.mcpsecrets.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.aws.testing.FakeSecretsManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing leaves this machine: every request of a run (single, batch, denied batch and its fallback,
 * failures) goes through a recording proxy on 127.0.0.1 to the fake, and nothing else in the JVM opens
 * a URL connection meanwhile (no instance metadata, no STS, no default endpoint). The control run
 * without the proxy shows the recording selector does see the SDK's connections.
 */
class LoopbackOnlyTest {
    private FakeSecretsManager fake;
    private RecordingProxy proxy;
    private ProxySelector previous;
    private final List<URI> selected = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        fake = Fakes.start();
        fake.putString("a", "loopback-value-a");
        fake.putString("b", "loopback-value-b");
        fake.putString("denied", "loopback-value-c");
        fake.failSecret("denied", "AccessDeniedException");
        proxy = new RecordingProxy();
        previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                synchronized (selected) {
                    selected.add(uri);
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
    }

    @AfterEach
    void stop() {
        ProxySelector.setDefault(previous);
        proxy.close();
        fake.close();
    }

    private void scenario(Map<String, String> env) throws Exception {
        ResolveContext ctx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), env);
        try (AwsSecretsManagerProvider provider = new AwsSecretsManagerProvider()) {
            Secret one = provider.resolve(SecretRef.parse("aws-sm:a"), ctx);
            assertThat(one.revealAsString()).isEqualTo("loopback-value-a");
            one.destroy();
            assertThrows(SecretException.class, () -> provider.resolve(SecretRef.parse("aws-sm:missing"), ctx));
            provider.resolveAll(List.of(SecretRef.parse("aws-sm:a"), SecretRef.parse("aws-sm:b"),
                    SecretRef.parse("aws-sm:denied")), ctx).values().forEach(Secret::destroy);
            fake.denyBatch();
            provider.resolveAll(List.of(SecretRef.parse("aws-sm:a"), SecretRef.parse("aws-sm:b")), ctx)
                    .values().forEach(Secret::destroy);
        }
    }

    @Test
    void everyRequestGoesThroughTheRecordingProxyToTheFakeAndNothingElseConnects() throws Exception {
        Map<String, String> env = Fakes.environment(fake);
        env.put("HTTP_PROXY", "http://127.0.0.1:" + proxy.port());
        scenario(env);
        List<URI> targets = proxy.targets();
        assertThat(targets).hasSize(6).allSatisfy(uri -> {
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isEqualTo(fake.port());
        });
        assertThat(fake.requests()).hasSize(targets.size())
                .allSatisfy(r -> assertThat(r.host()).isEqualTo("127.0.0.1:" + fake.port()));
        synchronized (selected) {
            assertThat(selected).as("connections that bypassed the proxy").isEmpty();
        }
    }

    @Test
    void withoutAProxyTheSelectorSeesEveryConnectionAndAllAreTheFake() throws Exception {
        scenario(Fakes.environment(fake));
        synchronized (selected) {
            assertThat(selected).hasSize(6).allSatisfy(uri -> {
                assertThat(InetAddress.getByName(uri.getHost()).isLoopbackAddress()).isTrue();
                assertThat(uri.getPort()).isEqualTo(fake.port());
            });
        }
        assertThat(proxy.targets()).isEmpty();
    }

    /**
     * An HTTP forward proxy on 127.0.0.1 that records each request's absolute URI and forwards only
     * requests for loopback addresses; anything else is answered 502 and never leaves.
     */
    private static final class RecordingProxy implements AutoCloseable {
        private final HttpServer server;
        private static final java.util.Set<String> RESTRICTED = java.util.Set.of("host", "content-length",
                "connection", "proxy-connection", "keep-alive", "transfer-encoding", "expect", "upgrade", ":status");
        private final List<URI> targets = new ArrayList<>();
        private final HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

        RecordingProxy() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::forward);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        synchronized List<URI> targets() {
            return List.copyOf(targets);
        }

        private void forward(HttpExchange ex) throws IOException {
            try (ex) {
                URI target = ex.getRequestURI();
                synchronized (this) {
                    targets.add(target);
                }
                if (target.getHost() == null || !InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                    ex.sendResponseHeaders(502, -1);
                    return;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(target).method(ex.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
                ex.getRequestHeaders().forEach((name, values) -> {
                    if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(v -> request.header(name, v));
                    }
                });
                HttpResponse<byte[]> response;
                try {
                    response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ex.sendResponseHeaders(504, -1);
                    return;
                }
                response.headers().map().forEach((name, values) -> {
                    if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        ex.getResponseHeaders().put(name, values);
                    }
                });
                byte[] answer = response.body();
                ex.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(answer);
                    }
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
