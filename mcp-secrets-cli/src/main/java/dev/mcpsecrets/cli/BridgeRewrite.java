package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.RemoteLaunch;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a remote entry ({@code url}, {@code headers}) or a stdio launcher of a remote server ({@code mcp-remote}
 * and the like) becomes {@code mcp-secrets bridge [--header 'NAME: VALUE']… URL}: each header that holds a
 * secret keeps its auth scheme and gets the reference in braces ({@code Bearer {keychain:mcp-notion/AUTHORIZATION}}),
 * other headers are passed as they are. What the bridge cannot carry the same way (a secret in the URL, OAuth
 * client credentials, options it has no equivalent for, plain HTTP to a remote host, text in braces) leaves the
 * entry alone, with the reason.
 */
final class BridgeRewrite {
    private static final Pattern SCHEME = Pattern.compile("(?i)(bearer|basic|token|apikey) ");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");

    /** A header of the new command line: its name, the literal before the reference, and the move it holds. */
    record Header(String name, String literal, MigrationPlan.Move move) {
        String text() {
            return name + ": " + literal + (move == null ? "" : "{" + move.reference + "}");
        }
    }

    final String url;
    final List<Header> headers = new ArrayList<>();
    final List<MigrationPlan.Move> moves = new ArrayList<>();
    /** The env variables whose values moved (a launcher's header variables); they leave {@code env}. */
    final List<String> movedEnv = new ArrayList<>();
    /** Set when the entry cannot move; then nothing else is meaningful. */
    String left;

    private BridgeRewrite(String url) {
        this.url = url;
    }

    /** The new args: {@code bridge}, the headers, the URL. */
    List<String> args() {
        List<String> out = new ArrayList<>(List.of("bridge"));
        for (Header h : headers) {
            out.add("--header");
            out.add(h.text());
        }
        out.add(url);
        return out;
    }

    /** Plans a remote entry; {@code mine} are the secret findings of the entry. */
    static BridgeRewrite remote(McpServer server, List<Finding> mine) {
        BridgeRewrite b = new BridgeRewrite(server.url().map(JsonValue.StringValue::value).orElse(""));
        if (b.refuseUrl(server.url().orElseThrow().pointer(), mine)) {
            return b;
        }
        for (var e : server.headers().entrySet()) {
            boolean secret = mine.stream().anyMatch(f -> e.getValue().pointer().equals(f.location().jsonPointer()));
            if (!b.header(server, e.getKey(), e.getValue().value(), secret, e.getValue(), firstFinding(mine, e.getValue()))) {
                return b;
            }
        }
        if (server.definition().get("headers").isPresent() && server.definition().getObject("headers")
                .map(h -> h.members().size() != server.headers().size()).orElse(true)) {
            b.left = "its headers are not all strings";
        }
        return b;
    }

    /** Plans a launcher entry. */
    static BridgeRewrite launcher(McpServer server, RemoteLaunch launch, List<Finding> mine) {
        BridgeRewrite b = new BridgeRewrite(launch.url().value());
        if (b.refuseUrl(launch.urlCarrier().pointer(), mine)) {
            return b;
        }
        if (!launch.unknown().isEmpty()) {
            b.left = "argument " + launch.unknown().get(0).location().display() + " of " + launch.launcher().name()
                    + " has no mcp-secrets bridge equivalent migrate knows; rewrite the entry by hand";
            return b;
        }
        if (!launch.credentials().isEmpty()) {
            b.left = launch.launcher().name() + " is given " + launch.credentials().get(0).flag() + " (OAuth client "
                    + "credentials or a password); mcp-secrets bridge sends fixed headers only";
            return b;
        }
        List<String> variables = launch.headerVariables(server);
        for (RemoteLaunch.Header h : launch.headers()) {
            Optional<String> sent = launch.sentValue(h, server.env());
            if (sent.isEmpty()) {
                b.left = "header " + h.name() + " names a variable the entry's env does not set (it comes from the "
                        + "client's environment); the bridge cannot tell its value";
                return b;
            }
            JsonValue.StringValue carrier = h.carrier();
            String headerPointer = carrier.pointer();
            boolean secret = mine.stream().anyMatch(f -> headerPointer.equals(f.location().jsonPointer()));
            for (String v : variables) {
                if (h.value().contains("${" + v + "}")) {
                    JsonValue.StringValue env = server.env().get(v);
                    if (mine.stream().anyMatch(f -> env.pointer().equals(f.location().jsonPointer()))) {
                        secret = true;
                        carrier = env;
                    }
                    b.movedEnv.add(v);
                }
            }
            if (h.form() == RemoteLaunch.Header.Form.BEARER_ENV) {
                launch.launcher().bearerEnv().stream().filter(v -> server.env().get(v) == h.carrier())
                        .forEach(b.movedEnv::add);
            }
            if (!b.header(server, h.name(), sent.get(), secret, carrier, firstFinding(mine, carrier))) {
                return b;
            }
        }
        return b;
    }

    private static Finding firstFinding(List<Finding> mine, JsonValue.StringValue carrier) {
        return mine.stream().filter(f -> carrier.pointer().equals(f.location().jsonPointer())).findFirst().orElse(null);
    }

    /** Refuses a URL that holds a secret or would send the headers over plain HTTP to another host. */
    private boolean refuseUrl(String urlPointer, List<Finding> mine) {
        if (mine.stream().anyMatch(f -> urlPointer.equals(f.location().jsonPointer()))) {
            left = "a secret is in its URL; mcp-secrets bridge adds headers only, so move it to a header the server "
                    + "accepts by hand first";
            return true;
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                left = "its URL is not https:// (plain http:// only to a loopback host): mcp-secrets bridge never "
                        + "sends credentials that way; switch the server to https first";
                return true;
            }
            if (u.getUserInfo() != null) {
                left = "its URL holds user information; move it to a header by hand first";
                return true;
            }
        } catch (URISyntaxException e) {
            left = "its URL cannot be read as a URL";
            return true;
        }
        return false;
    }

    private boolean header(McpServer server, String name, String value, boolean secret, JsonValue.StringValue carrier,
            Finding finding) {
        if (!HEADER_NAME.matcher(name).matches()) {
            left = "a header name is not a plain HTTP token";
            return false;
        }
        if (value.indexOf('{') >= 0 || value.indexOf('}') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            left = "header " + name + " holds braces or a line break, which the bridge would read as a reference";
            return false;
        }
        if (!secret) {
            headers.add(new Header(name, value, null));
            return true;
        }
        String v = value.strip();
        java.util.regex.Matcher m = SCHEME.matcher(v);
        String literal = m.lookingAt() ? v.substring(0, m.end()) : "";
        String token = v.substring(literal.length()).strip();
        if (token.isEmpty()) {
            left = "header " + name + " holds no token after its scheme";
            return false;
        }
        String variable = variable(name);
        MigrationPlan.Move move = new MigrationPlan.Move(server, variable, carrier, token,
                finding == null ? "secret" : MigrationPlan.kind(finding));
        moves.add(move);
        headers.add(new Header(name, literal, move));
        return true;
    }

    /** The store name part for a header: {@code X-Api-Key} becomes {@code X_API_KEY}. */
    static String variable(String header) {
        String v = header.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return Character.isDigit(v.charAt(0)) ? "H_" + v : v;
    }

    @Override
    public String toString() {
        return "BridgeRewrite[" + headers.size() + " headers" + (left == null ? "" : ", left alone") + "]";
    }
}
