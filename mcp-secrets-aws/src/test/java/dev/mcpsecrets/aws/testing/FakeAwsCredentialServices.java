package dev.mcpsecrets.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The two AWS services that hand out temporary credentials, on 127.0.0.1 for tests, in the shapes of their API
 * references: STS {@code AssumeRole} (Query protocol: {@code POST /} with a form body {@code Action=AssumeRole&
 * Version=2011-06-15&RoleArn=…&RoleSessionName=…}, signed with Signature Version 4 by the source credentials;
 * answers an {@code AssumeRoleResponse} XML document), and IAM Identity Center (SSO) {@code GetRoleCredentials}
 * ({@code GET /federation/credentials?role_name=…&account_id=…} with the access token in
 * {@code x-amz-sso_bearer_token}; answers {@code {"roleCredentials": {"accessKeyId", "secretAccessKey",
 * "sessionToken", "expiration"}}}, expiration in epoch milliseconds). Both hand out the same temporary
 * credentials; a wrong signer or token gets the service's 403 error. No real account is involved.
 */
public final class FakeAwsCredentialServices implements AutoCloseable {
    /** One call the server answered or refused: which API, and by whom (access key id or bearer token). */
    public record Call(String api, String caller, String role, boolean granted) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String sourceAccessKeyId;
    private final String ssoAccessToken;
    private final String issuedAccessKeyId;
    private final String issuedSecretAccessKey;
    private final String issuedSessionToken;
    private final List<Call> calls = new ArrayList<>();

    private FakeAwsCredentialServices(String sourceAccessKeyId, String ssoAccessToken, String issuedAccessKeyId,
            String issuedSecretAccessKey, String issuedSessionToken) throws IOException {
        this.sourceAccessKeyId = sourceAccessKeyId;
        this.ssoAccessToken = ssoAccessToken;
        this.issuedAccessKeyId = issuedAccessKeyId;
        this.issuedSecretAccessKey = issuedSecretAccessKey;
        this.issuedSessionToken = issuedSessionToken;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-aws-credentials");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts the server.
     *
     * @param sourceAccessKeyId the access key {@code AssumeRole} requests must be signed with
     * @param ssoAccessToken the bearer token {@code GetRoleCredentials} requests must carry
     * @param issuedAccessKeyId the access key id of the temporary credentials handed out
     * @param issuedSecretAccessKey their secret access key
     * @param issuedSessionToken their session token
     * @return the running server
     */
    public static FakeAwsCredentialServices start(String sourceAccessKeyId, String ssoAccessToken,
            String issuedAccessKeyId, String issuedSecretAccessKey, String issuedSessionToken) {
        try {
            return new FakeAwsCredentialServices(sourceAccessKeyId, ssoAccessToken, issuedAccessKeyId,
                    issuedSecretAccessKey, issuedSessionToken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return e.g. {@code http://127.0.0.1:41234}, for {@code AWS_ENDPOINT_URL_STS} and {@code AWS_ENDPOINT_URL_SSO} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the calls so far, oldest first */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && "/federation/credentials".equals(path)) {
                getRoleCredentials(exchange);
            } else if ("POST".equals(exchange.getRequestMethod()) && "/".equals(path)) {
                assumeRole(exchange);
            } else {
                send(exchange, 404, "text/plain", "no such API: " + exchange.getRequestMethod() + " " + path);
            }
        }
    }

    private void assumeRole(HttpExchange exchange) throws IOException {
        Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String signedBy = auth != null && auth.startsWith("AWS4-HMAC-SHA256 Credential=")
                ? auth.substring("AWS4-HMAC-SHA256 Credential=".length()).split("/", 2)[0] : null;
        String role = form.getOrDefault("RoleArn", "");
        boolean granted = "AssumeRole".equals(form.get("Action")) && sourceAccessKeyId.equals(signedBy)
                && !role.isEmpty() && !form.getOrDefault("RoleSessionName", "").isEmpty();
        record(new Call("sts:AssumeRole", String.valueOf(signedBy), role, granted));
        if (!granted) {
            send(exchange, 403, "text/xml", "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform "
                    + "sts:AssumeRole</Message></Error><RequestId>fake-request</RequestId></ErrorResponse>");
            return;
        }
        String session = form.get("RoleSessionName");
        send(exchange, 200, "text/xml", "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROAFAKEROLEID0000001:" + session
                + "</AssumedRoleId><Arn>" + role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/")
                + "/" + session + "</Arn></AssumedRoleUser><Credentials><AccessKeyId>" + issuedAccessKeyId
                + "</AccessKeyId><SecretAccessKey>" + issuedSecretAccessKey + "</SecretAccessKey><SessionToken>"
                + issuedSessionToken + "</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>fake-request</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>");
    }

    private void getRoleCredentials(HttpExchange exchange) throws IOException {
        Map<String, String> query = parseForm(exchange.getRequestURI().getRawQuery());
        String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
        String role = query.getOrDefault("role_name", "");
        boolean granted = ssoAccessToken.equals(token) && !role.isEmpty()
                && !query.getOrDefault("account_id", "").isEmpty();
        record(new Call("sso:GetRoleCredentials", token == null ? "none" : "bearer token", role, granted));
        if (!granted) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", "UnauthorizedException");
            send(exchange, 401, "application/json", "{\"message\":\"Session token not found or invalid\"}");
            return;
        }
        send(exchange, 200, "application/json", "{\"roleCredentials\":{\"accessKeyId\":\"" + issuedAccessKeyId
                + "\",\"secretAccessKey\":\"" + issuedSecretAccessKey + "\",\"sessionToken\":\"" + issuedSessionToken
                + "\",\"expiration\":4070908800000}}");
    }

    private static Map<String, String> parseForm(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-request");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
