package dev.mcpsecrets.vault.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.provider.LoopbackHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Vault is and how to log in, from the environment the resolution sees ({@code VAULT_ADDR},
 * {@code VAULT_TOKEN}, ... as the {@code vault} command reads them) or from the server's own system
 * properties ({@code -Dmcp.secrets.vault.addr=...}), which win. Nothing here ever comes from a reference
 * or a client config: an audited config must not choose where a user's token is sent.
 *
 * @param address the server, {@code https://vault.example:8200} (no trailing slash)
 * @param namespace the namespace sent as {@code X-Vault-Namespace}, or {@code null}
 * @param caCert a PEM file of CA certificates to trust instead of the JDK's, or {@code null}
 * @param caPath a directory of PEM CA certificates to trust instead of the JDK's, or {@code null}
 * @param auth how to get a token
 */
record VaultSettings(URI address, String namespace, Path caCert, Path caPath, Auth auth) {
    static final String ADDR = "VAULT_ADDR";
    static final String TOKEN = "VAULT_TOKEN";
    static final String NAMESPACE = "VAULT_NAMESPACE";
    static final String CACERT = "VAULT_CACERT";
    static final String CAPATH = "VAULT_CAPATH";
    static final String SKIP_VERIFY = "VAULT_SKIP_VERIFY";
    static final String AUTH = "MCP_SECRETS_VAULT_AUTH";
    static final String ROLE_ID = "MCP_SECRETS_VAULT_ROLE_ID";
    static final String SECRET_ID = "MCP_SECRETS_VAULT_SECRET_ID";
    static final String APPROLE_MOUNT = "MCP_SECRETS_VAULT_APPROLE_MOUNT";
    static final String K8S_ROLE = "MCP_SECRETS_VAULT_K8S_ROLE";
    static final String K8S_JWT_FILE = "MCP_SECRETS_VAULT_K8S_JWT_FILE";
    static final String K8S_MOUNT = "MCP_SECRETS_VAULT_K8S_MOUNT";
    static final String ALLOW_HTTP = "MCP_SECRETS_VAULT_ALLOW_HTTP";
    /** Where a pod's service-account token is mounted. */
    static final String DEFAULT_K8S_JWT = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /** How a token is had. */
    enum Method {
        /** {@code VAULT_TOKEN}, else {@code ~/.vault-token} as {@code vault login} leaves it. */
        TOKEN,
        /** {@code POST auth/<mount>/login} with a role id and secret id given as references. */
        APPROLE,
        /** {@code POST auth/<mount>/login} with the pod's service-account JWT. */
        KUBERNETES
    }

    /**
     * The login settings; only the fields of the method are set.
     *
     * @param method the method
     * @param token a token from {@code VAULT_TOKEN}, or {@code null}
     * @param tokenFile where {@code vault login} keeps the token, or {@code null}
     * @param mount the auth mount ({@code approle}, {@code kubernetes} by default)
     * @param roleIdRef reference expression of the AppRole role id
     * @param secretIdRef reference expression of the AppRole secret id
     * @param role the Kubernetes role
     * @param jwtFile the service-account token file
     */
    record Auth(Method method, String token, Path tokenFile, String mount, String roleIdRef, String secretIdRef,
            String role, Path jwtFile) {
        /** Identifies the login without revealing a token: different logins get different sessions. */
        String key() {
            return method + "|" + (token == null ? "" : Integer.toHexString(token.hashCode())) + "|" + tokenFile + "|"
                    + mount + "|" + roleIdRef + "|" + secretIdRef + "|" + role + "|" + jwtFile;
        }

        /** Never shows a token. */
        @Override
        public String toString() {
            return "Auth[" + method + (mount == null ? "" : ", mount " + mount) + "]";
        }
    }

    /**
     * Identifies the server, namespace, trust and login, for sharing sessions.
     *
     * @return the key
     */
    String key() {
        return address + "|" + namespace + "|" + caCert + "|" + caPath + "|" + auth.key();
    }

    /** Never shows a token. */
    @Override
    public String toString() {
        return "VaultSettings[" + address + (namespace == null ? "" : ", namespace " + namespace) + ", " + auth + "]";
    }

    /**
     * Whether the provider can be asked in this environment; sends nothing.
     *
     * @param env the environment
     * @return the availability
     */
    static Availability availability(Map<String, String> env) {
        try {
            VaultSettings s = from(env, null);
            return Availability.available("Vault at " + s.address() + (s.namespace() == null ? ""
                    : " (namespace " + s.namespace() + ")") + ", " + describe(s.auth()));
        } catch (SecretException e) {
            return Availability.unavailable(e.reason(), e.getMessage());
        }
    }

    private static String describe(Auth auth) {
        switch (auth.method()) {
            case APPROLE:
                return "AppRole login at auth/" + auth.mount();
            case KUBERNETES:
                return "Kubernetes login at auth/" + auth.mount() + " as role " + auth.role();
            default:
                return auth.token() != null ? "token from " + TOKEN : "token from " + auth.tokenFile();
        }
    }

    /**
     * Reads the settings.
     *
     * @param env the environment
     * @param what the reference(s), for exceptions
     * @return the settings
     * @throws SecretException UNAVAILABLE when not configured, DENIED for refused TLS or plain http
     */
    static VaultSettings from(Map<String, String> env, String what) throws SecretException {
        String addr = setting(env, ADDR, "addr");
        if (addr == null) {
            throw new SecretException(Reason.UNAVAILABLE, what, "Vault is not configured: set " + ADDR
                    + " (e.g. https://vault.example:8200)");
        }
        if (truthy(env.get(SKIP_VERIFY))) {
            throw new SecretException(Reason.DENIED, what, SKIP_VERIFY + " is set: this provider never turns off "
                    + "certificate checks (the token would go to whoever answers); trust your CA with " + CACERT
                    + " or " + CAPATH + " instead");
        }
        URI address = address(addr, what);
        if (address.getScheme().equals("http") && !LoopbackHosts.isLoopback(address.getHost())
                && !truthy(setting(env, ALLOW_HTTP, "allow-http"))) {
            throw new SecretException(Reason.DENIED, what, "refusing to send a Vault token over plain http to "
                    + address.getHost() + "; use https, or set " + ALLOW_HTTP + "=true if the network path is private");
        }
        String caCert = setting(env, CACERT, "cacert");
        String caPath = setting(env, CAPATH, "capath");
        return new VaultSettings(address, setting(env, NAMESPACE, "namespace"), caCert == null ? null : Path.of(caCert),
                caPath == null ? null : Path.of(caPath), auth(env, what));
    }

    private static Auth auth(Map<String, String> env, String what) throws SecretException {
        String chosen = setting(env, AUTH, "auth");
        String token = blankToNull(env.get(TOKEN));
        String roleId = setting(env, ROLE_ID, "role-id");
        String k8sRole = setting(env, K8S_ROLE, "k8s-role");
        Method method;
        if (chosen != null) {
            try {
                method = Method.valueOf(chosen.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SecretException(Reason.UNAVAILABLE, what, AUTH + " must be token, approle or kubernetes");
            }
        } else if (token != null) {
            method = Method.TOKEN;
        } else if (roleId != null) {
            method = Method.APPROLE;
        } else if (k8sRole != null) {
            method = Method.KUBERNETES;
        } else {
            method = Method.TOKEN;
        }
        switch (method) {
            case APPROLE: {
                String secretId = setting(env, SECRET_ID, "secret-id");
                if (roleId == null || secretId == null) {
                    throw new SecretException(Reason.UNAVAILABLE, what, "AppRole login needs " + ROLE_ID + " and "
                            + SECRET_ID + ", each a reference such as keychain:vault/secret-id or "
                            + "file:/run/secrets/vault-secret-id");
                }
                return new Auth(method, null, null, mount(env, APPROLE_MOUNT, "approle-mount", "approle", what), roleId,
                        secretId, null, null);
            }
            case KUBERNETES: {
                if (k8sRole == null) {
                    throw new SecretException(Reason.UNAVAILABLE, what, "Kubernetes login needs the Vault role in "
                            + K8S_ROLE);
                }
                String jwt = setting(env, K8S_JWT_FILE, "k8s-jwt-file");
                return new Auth(method, null, null, mount(env, K8S_MOUNT, "k8s-mount", "kubernetes", what), null, null,
                        k8sRole, Path.of(jwt == null ? DEFAULT_K8S_JWT : jwt));
            }
            default: {
                if (token != null) {
                    return new Auth(Method.TOKEN, token, null, null, null, null, null, null);
                }
                String home = blankToNull(env.get("HOME"));
                Path file = home == null ? null : Path.of(home, ".vault-token");
                if (file == null || !Files.isRegularFile(file)) {
                    throw new SecretException(Reason.UNAVAILABLE, what, "no Vault token: set " + TOKEN + ", log in "
                            + "with `vault login` (it writes ~/.vault-token), or set " + AUTH
                            + "=approle or kubernetes (see the mcp-secrets-vault README)");
                }
                return new Auth(Method.TOKEN, null, file, null, null, null, null, null);
            }
        }
    }

    private static String mount(Map<String, String> env, String variable, String property, String fallback,
            String what) throws SecretException {
        String m = setting(env, variable, property);
        if (m == null) {
            return fallback;
        }
        String stripped = m.replaceAll("^/+|/+$", "");
        if (stripped.isEmpty() || !stripped.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*") || stripped.contains("..")) {
            throw new SecretException(Reason.UNAVAILABLE, what, variable + " must be an auth mount path such as "
                    + fallback);
        }
        return stripped;
    }

    private static URI address(String addr, String what) throws SecretException {
        URI uri;
        try {
            uri = new URI(addr.endsWith("/") ? addr.substring(0, addr.length() - 1) : addr);
        } catch (URISyntaxException e) {
            throw new SecretException(Reason.UNAVAILABLE, what, ADDR + " is not a URL (expected e.g. "
                    + "https://vault.example:8200)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new SecretException(Reason.UNAVAILABLE, what, ADDR + " must be an http(s) URL with a host, e.g. "
                    + "https://vault.example:8200");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
            throw new SecretException(Reason.UNAVAILABLE, what, ADDR + " must be scheme, host and port only "
                    + "(no user info, path, query or fragment)");
        }
        return uri;
    }

    /** The server's own system property {@code mcp.secrets.vault.NAME} wins over the environment. */
    private static String setting(Map<String, String> env, String variable, String property) {
        String own = blankToNull(System.getProperty("mcp.secrets.vault." + property));
        return own != null ? own : blankToNull(env.get(variable));
    }

    /** As Go's {@code strconv.ParseBool}, which the vault command uses for its switches. */
    static boolean truthy(String value) {
        String v = blankToNull(value);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("t") || v.equalsIgnoreCase("true"));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
