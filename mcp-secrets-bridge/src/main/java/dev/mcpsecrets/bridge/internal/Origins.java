package dev.mcpsecrets.bridge.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/** Which URLs the bridge talks to, and which other URLs count as the same place. */
public final class Origins {
    private Origins() {
    }

    /**
     * Checks the remote server's URL: {@code https://}, or {@code http://} to this machine only when
     * headers are sent (they would cross the network in clear text otherwise). No user info, no fragment.
     *
     * @param text the URL as given
     * @param sendsHeaders whether headers (credentials, as far as the bridge knows) go with each request
     * @return the URL
     * @throws BridgeFailure (usage) when it is malformed or insecure
     */
    public static URI checkEndpoint(String text, boolean sendsHeaders) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw usage("the server URL is not a valid URL (at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw usage("the server URL must start with https:// (or http:// for this machine)");
        }
        if (uri.getRawUserInfo() != null) {
            // user:password@ would be a credential in the arguments; headers are the place for it
            throw usage("the server URL holds user info (user:password@), which is not shown; "
                    + "give credentials with --header and a reference instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw usage("the server URL has no host");
        }
        if (uri.getRawFragment() != null) {
            throw usage("the server URL has a #fragment, which HTTP never sends; remove it");
        }
        if (scheme.equals("http") && sendsHeaders && !isLoopback(uri.getHost())) {
            throw usage("refusing to send headers over plain http:// to " + origin(uri)
                    + ": they would cross the network unencrypted; use https:// "
                    + "(http:// is allowed for localhost, 127.0.0.0/8 and [::1] only)");
        }
        return uri;
    }

    /**
     * Whether the host is this machine by its literal name: {@code localhost}, a 127.0.0.0/8 address or
     * {@code ::1}. Other names are not looked up: what a name resolves to can change.
     */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        boolean ipv4 = h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = h.startsWith("[") && h.endsWith("]");
        if (!ipv4 && !ipv6) {
            return false;
        }
        try {
            // a literal address: no lookup happens
            return InetAddress.getByName(ipv6 ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether two URLs share scheme, host and port (default ports filled in). */
    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
    }

    /** {@code scheme://host:port}, which is safe to show (no path, query or user info). */
    static String origin(URI uri) {
        return lower(uri.getScheme()) + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(lower(uri.getScheme())) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static BridgeFailure usage(String message) {
        return new BridgeFailure(BridgeFailure.Kind.USAGE, message);
    }
}
