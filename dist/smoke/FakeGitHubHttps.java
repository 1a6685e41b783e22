import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A fake of GitHub's REST API over HTTPS on 127.0.0.1 for the archive's smoke test: GET /user answers as
 * GitHub documents it (the login, the classic scopes in X-OAuth-Scopes) for the one expected token, 401 for
 * any other. Run as a source file: java FakeGitHubHttps.java KEYSTORE.p12 PASSWORD TOKEN PORT-FILE
 * It writes its port to PORT-FILE and stops by itself after two minutes.
 */
public final class FakeGitHubHttps {
    public static void main(String[] args) throws Exception {
        char[] password = args[1].toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        String expected = "Bearer " + args[2];
        server.createContext("/user", exchange -> {
            if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = "{\"login\":\"octocat\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-OAuth-Scopes", "repo, admin:org");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(401, -1);
            }
            exchange.close();
        });
        server.start();
        Path portFile = Path.of(args[3]);
        Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                Integer.toString(server.getAddress().getPort()));
        Files.move(portFile.resolveSibling(portFile.getFileName() + ".tmp"), portFile);
        Thread.sleep(120_000);
        server.stop(0);
    }
}
