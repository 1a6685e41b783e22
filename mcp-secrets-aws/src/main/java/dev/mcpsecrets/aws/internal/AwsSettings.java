package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.provider.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and as whom the provider talks to Secrets Manager, read from the environment resolutions see
 * (by default the process's; a server may pass its own through {@code Secrets.builder().environment})
 * and from the server's own system properties, which win as they do in the AWS SDK. Never from a
 * reference: a reference may come from a config under audit, and it must not choose where the user's
 * signed requests go. Reads no file and starts no connection; the SDK's default chains (profile files,
 * container and instance metadata) fill what is left, on the first resolve.
 *
 * @param region the region, or {@code null} for the SDK's default region chain
 * @param regionSource where the region came from, for messages
 * @param endpoint the endpoint override, or {@code null} for the SDK's endpoint for the region
 * @param profile the AWS profile name, or {@code null}
 * @param accessKeyId static credentials: the key ID, or {@code null} for the SDK's default credentials chain
 * @param secretAccessKey static credentials: the secret key (never shown)
 * @param sessionToken static credentials: the session token, or {@code null} (never shown)
 * @param proxy the HTTP proxy for the endpoint's scheme, or {@code null}
 * @param noProxy hosts reached without the proxy
 */
record AwsSettings(String region, String regionSource, URI endpoint, String profile, String accessKeyId,
        String secretAccessKey, String sessionToken, URI proxy, Set<String> noProxy) {
    static final String REGION = "AWS_REGION";
    static final String ENDPOINT = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    static final String ENDPOINT_ALL_SERVICES = "AWS_ENDPOINT_URL";
    static final String IGNORE_ENDPOINTS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    static final String PROFILE = "AWS_PROFILE";
    static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    /** Allows a plain-http endpoint that is not loopback (a private network path). */
    static final String ALLOW_HTTP = "MCP_SECRETS_AWS_ALLOW_HTTP";
    /** The AWS SDK's own system property names, for a server that configures itself. */
    static final String REGION_PROPERTY = "aws.region";
    static final String ENDPOINT_PROPERTY = "aws.endpointUrlSecretsManager";
    static final String ENDPOINT_ALL_SERVICES_PROPERTY = "aws.endpointUrl";

    /**
     * Reads the settings.
     *
     * @param env the environment resolutions see
     * @param properties the system properties (the server's own settings)
     * @param what the reference(s), for the exception
     * @return the settings
     * @throws SecretException UNAVAILABLE for an endpoint or proxy that is not a URL, DENIED for refused http
     */
    static AwsSettings from(Map<String, String> env, Map<String, String> properties, String what)
            throws SecretException {
        String region = blankToNull(properties.get(REGION_PROPERTY));
        String regionSource = "system property " + REGION_PROPERTY;
        if (region == null) {
            region = blankToNull(env.get(REGION));
            regionSource = REGION;
        }
        if (region != null && !region.matches("[a-z0-9-]{1,64}")) {
            throw new SecretException(Reason.UNAVAILABLE, what, regionSource
                    + " is not a region name (expected e.g. eu-central-1)");
        }
        URI endpoint = null;
        if (!"true".equalsIgnoreCase(blankToNull(env.get(IGNORE_ENDPOINTS)))) {
            String[][] sources = {
                {"system property " + ENDPOINT_PROPERTY, properties.get(ENDPOINT_PROPERTY)},
                {"system property " + ENDPOINT_ALL_SERVICES_PROPERTY, properties.get(ENDPOINT_ALL_SERVICES_PROPERTY)},
                {ENDPOINT, env.get(ENDPOINT)},
                {ENDPOINT_ALL_SERVICES, env.get(ENDPOINT_ALL_SERVICES)},
            };
            for (String[] source : sources) {
                String value = blankToNull(source[1]);
                if (value != null) {
                    endpoint = endpoint(source[0], value, env, what);
                    break;
                }
            }
        }
        String accessKeyId = blankToNull(env.get(ACCESS_KEY_ID));
        String secretAccessKey = blankToNull(env.get(SECRET_ACCESS_KEY));
        if (accessKeyId == null || secretAccessKey == null) {
            accessKeyId = null;
            secretAccessKey = null;
        }
        String scheme = endpoint != null ? endpoint.getScheme().toLowerCase(Locale.ROOT) : "https";
        URI proxy = proxy(env, scheme, what);
        return new AwsSettings(region, region == null ? null : regionSource, endpoint,
                blankToNull(env.get(PROFILE)), accessKeyId, secretAccessKey,
                accessKeyId == null ? null : blankToNull(env.get(SESSION_TOKEN)), proxy, noProxy(env));
    }

    /**
     * The system properties these settings read, as they are now.
     *
     * @return property names to values (absent when unset)
     */
    static Map<String, String> systemProperties() {
        Map<String, String> out = new java.util.HashMap<>();
        for (String name : new String[] {REGION_PROPERTY, ENDPOINT_PROPERTY, ENDPOINT_ALL_SERVICES_PROPERTY}) {
            String value = System.getProperty(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /**
     * Identifies the client these settings need, without revealing credentials.
     *
     * @return a key for a map of clients
     */
    String clientKey() {
        return region + "|" + endpoint + "|" + profile + "|" + accessKeyId + "|"
                + Integer.toHexString(Objects.hash(secretAccessKey, sessionToken)) + "|" + proxy + "|" + noProxy;
    }

    /**
     * One sentence on where requests go, for availability and messages.
     *
     * @return e.g. {@code "AWS Secrets Manager in eu-central-1 (AWS_REGION)"}
     */
    String describe() {
        String where = endpoint != null ? " at " + endpoint : "";
        String inRegion = region != null ? " in " + region + " (" + regionSource + ")"
                : " in the region of the AWS SDK's default chain (profile or instance metadata)";
        String as = accessKeyId != null ? ", keys from " + ACCESS_KEY_ID
                : profile != null ? ", profile " + profile : ", credentials from the AWS SDK's default chain";
        return "AWS Secrets Manager" + where + inRegion + as;
    }

    @Override
    public String toString() {
        return "AwsSettings[" + describe() + "]";
    }

    private static URI endpoint(String source, String value, Map<String, String> env, String what)
            throws SecretException {
        URI uri = url(source, value, what);
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new SecretException(Reason.UNAVAILABLE, what, source + " must not carry a path");
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !LoopbackHosts.isLoopback(uri.getHost())
                && !"true".equalsIgnoreCase(blankToNull(env.get(ALLOW_HTTP)))) {
            throw new SecretException(Reason.DENIED, what, "refusing to read secrets over plain http from "
                    + uri.getHost() + " (" + source + "); use https, or set " + ALLOW_HTTP
                    + "=true if the network path is private");
        }
        return uri;
    }

    private static URI proxy(Map<String, String> env, String scheme, String what) throws SecretException {
        String name = scheme.equals("http") ? "HTTP_PROXY" : "HTTPS_PROXY";
        String value = blankToNull(env.get(name));
        if (value == null) {
            name = name.toLowerCase(Locale.ROOT);
            value = blankToNull(env.get(name));
        }
        if (value == null) {
            return null;
        }
        return url(name, value.contains("://") ? value : "http://" + value, what);
    }

    private static Set<String> noProxy(Map<String, String> env) {
        String value = blankToNull(env.get("NO_PROXY"));
        if (value == null) {
            value = blankToNull(env.get("no_proxy"));
        }
        Set<String> hosts = new LinkedHashSet<>();
        if (value != null) {
            for (String host : value.split(",")) {
                String h = host.strip();
                if (!h.isEmpty()) {
                    // NO_PROXY writes a domain as ".example.com"; the SDK matches "*.example.com"
                    hosts.add(h.startsWith(".") ? "*" + h : h);
                }
            }
        }
        return Set.copyOf(hosts);
    }

    private static URI url(String source, String value, String what) throws SecretException {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new SecretException(Reason.UNAVAILABLE, what, source + " is not a URL (expected e.g. https://host:443)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new SecretException(Reason.UNAVAILABLE, what, source + " must be an http(s) URL with a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new SecretException(Reason.UNAVAILABLE, what, source + " must not carry a query or a fragment");
        }
        return uri;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
