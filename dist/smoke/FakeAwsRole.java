import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fakes of AWS STS and Secrets Manager on 127.0.0.1 for the archive's smoke test, in the shapes of their API
 * references: STS {@code AssumeRole} (Query protocol, form body, XML answer) hands out a temporary key to a
 * request signed by SOURCE-KEY-ID; Secrets Manager {@code GetSecretValue} (AWS JSON 1.1) answers VALUE for the
 * secret {@code mcp/github} only to a request signed by that temporary key, 400 AccessDeniedException otherwise.
 * Run as a source file: java FakeAwsRole.java SOURCE-KEY-ID VALUE PORT-FILE
 * It writes its port to PORT-FILE and stops by itself after two minutes.
 */
public final class FakeAwsRole {
    private static final String ISSUED_KEY_ID = "ASIAFAKESMOKE000001";

    public static void main(String[] args) throws Exception {
        String sourceKeyId = args[0];
        String value = args[1];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                String signer = signer(exchange);
                if (target == null && body.contains("Action=AssumeRole")) {
                    if (!sourceKeyId.equals(signer)) {
                        send(exchange, 403, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied"
                                + "</Code><Message>denied</Message></Error></ErrorResponse>");
                        return;
                    }
                    String session = URLDecoder.decode(body.replaceAll(".*RoleSessionName=([^&]*).*", "$1"),
                            StandardCharsets.UTF_8);
                    send(exchange, 200, "text/xml", "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/"
                            + "2011-06-15/\"><AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROAFAKESMOKE:"
                            + session + "</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/mcp-reader/"
                            + session + "</Arn></AssumedRoleUser><Credentials><AccessKeyId>" + ISSUED_KEY_ID
                            + "</AccessKeyId><SecretAccessKey>smoke-issued-secret</SecretAccessKey><SessionToken>"
                            + "smoke-issued-session</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
                            + "</Credentials></AssumeRoleResult></AssumeRoleResponse>");
                } else if ("secretsmanager.GetSecretValue".equals(target) && ISSUED_KEY_ID.equals(signer)
                        && body.contains("\"mcp/github\"")) {
                    send(exchange, 200, "application/x-amz-json-1.1", "{\"ARN\":\"arn:aws:secretsmanager:us-east-2:"
                            + "123456789012:secret:mcp/github-AbCdEf\",\"Name\":\"mcp/github\",\"VersionId\":"
                            + "\"00000000-0000-0000-0000-000000000001\",\"SecretString\":\"" + value + "\","
                            + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");
                } else {
                    send(exchange, 400, "application/x-amz-json-1.1", "{\"__type\":\"AccessDeniedException\","
                            + "\"Message\":\"not signed by the assumed role\"}");
                }
            }
        });
        server.start();
        Files.writeString(Path.of(args[2]), Integer.toString(server.getAddress().getPort()));
        Thread.sleep(120_000);
        server.stop(0);
    }

    private static String signer(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String prefix = "AWS4-HMAC-SHA256 Credential=";
        return auth != null && auth.startsWith(prefix) ? auth.substring(prefix.length()).split("/", 2)[0] : null;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
