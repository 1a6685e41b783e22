package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.provider.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Where the Connect server is and the token to send it, from {@code OP_CONNECT_HOST} and
 * {@code OP_CONNECT_TOKEN}. Plain {@code http://} is refused unless the host is loopback or
 * {@code MCP_SECRETS_OP_CONNECT_ALLOW_HTTP=true}: the token would cross the network in clear.
 */
final class ConnectEndpoint {
    private final URI base;
    private final String token;

    private ConnectEndpoint(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    /** The bearer token; only ever put in the Authorization header. */
    String token() {
        return token;
    }

    /** Identifies the server and token pair without revealing the token. */
    String key() {
        return base + "#" + Integer.toHexString(token.hashCode());
    }

    /**
     * Reads the endpoint from an environment.
     *
     * @param env the environment
     * @param what the reference(s), for the exception
     * @return the endpoint
     * @throws SecretException UNAVAILABLE when not configured, MALFORMED for a bad URL, DENIED for refused http
     */
    static ConnectEndpoint from(Map<String, String> env, String what) throws SecretException {
        String host = OpSettings.blankToNull(env.get(OpSettings.CONNECT_HOST));
        String token = OpSettings.blankToNull(env.get(OpSettings.CONNECT_TOKEN));
        if (host == null || token == null) {
            throw new SecretException(Reason.UNAVAILABLE, what, "1Password Connect is not configured: set "
                    + OpSettings.CONNECT_HOST + " and " + OpSettings.CONNECT_TOKEN);
        }
        URI uri;
        try {
            uri = new URI(host.endsWith("/") ? host.substring(0, host.length() - 1) : host);
        } catch (URISyntaxException e) {
            throw new SecretException(Reason.UNAVAILABLE, what, OpSettings.CONNECT_HOST
                    + " is not a URL (expected e.g. https://connect.example:8443)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new SecretException(Reason.UNAVAILABLE, what, OpSettings.CONNECT_HOST
                    + " must be an http(s) URL with a host, e.g. https://connect.example:8443");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new SecretException(Reason.UNAVAILABLE, what, OpSettings.CONNECT_HOST
                    + " must not carry user info, a query or a fragment");
        }
        if (scheme.equals("http") && !LoopbackHosts.isLoopback(uri.getHost())
                && !"true".equalsIgnoreCase(OpSettings.blankToNull(env.get(OpSettings.CONNECT_ALLOW_HTTP)))) {
            throw new SecretException(Reason.DENIED, what, "refusing to send the Connect token over plain http to "
                    + uri.getHost() + "; use https, or set " + OpSettings.CONNECT_ALLOW_HTTP
                    + "=true if the network path is private");
        }
        return new ConnectEndpoint(uri, token);
    }

    @Override
    public String toString() {
        return "ConnectEndpoint[" + base + "]";
    }
}
