package dev.mcpsecrets.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.time.Ticker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token of one session and its renewal. A token given by the user ({@code VAULT_TOKEN},
 * {@code ~/.vault-token}) is looked up once ({@code GET auth/token/lookup-self}) to learn its TTL; a token
 * from a login ({@code POST auth/approle/login}, {@code POST auth/kubernetes/login}) comes with it. When
 * less than a third of the TTL is left at a request, a renewable token is renewed
 * ({@code POST auth/token/renew-self}); a login token that cannot be renewed, or that Vault rejects, is
 * replaced by logging in again. No thread of its own: renewal happens on use.
 */
final class VaultLogin {
    private static final Logger LOG = LoggerFactory.getLogger(VaultLogin.class);
    /** The most a token file may hold; a Vault token is about a hundred characters. */
    private static final long MAX_TOKEN_FILE_BYTES = 64 * 1024;

    /** A token and what Vault said about its life. {@code expiresAt} is meaningless when {@code ttl} is 0. */
    private record State(String token, boolean renewable, long ttlNanos, long expiresAt) {
        boolean dueForRenewal(long now) {
            return ttlNanos > 0 && expiresAt - now <= ttlNanos / 3;
        }

        @Override
        public String toString() {
            return "State[renewable=" + renewable + ", ttl=" + Duration.ofNanos(ttlNanos).toSeconds() + "s]";
        }
    }

    private final VaultHttp http;
    private final VaultSettings.Auth auth;
    private final Ticker ticker;
    private State state;

    VaultLogin(VaultHttp http, Ticker ticker) {
        this.http = http;
        this.auth = http.settings().auth();
        this.ticker = ticker;
    }

    /**
     * Whether a rejected token can be replaced by logging in again.
     *
     * @return {@code true} for AppRole and Kubernetes
     */
    boolean canLogInAgain() {
        return auth.method() != VaultSettings.Method.TOKEN;
    }

    /**
     * The token to send now: obtained, looked up, renewed or replaced as needed.
     *
     * @param what the reference(s), for messages
     * @param ctx the deadline
     * @return the token
     * @throws SecretException DENIED when Vault refuses the login, or the transport's failure
     */
    synchronized String token(String what, ResolveContext ctx) throws SecretException {
        if (state == null) {
            state = obtain(what, ctx);
        } else if (state.dueForRenewal(ticker.read())) {
            state = renewOrReplace(state, what, ctx);
        }
        return state.token();
    }

    /**
     * Forgets a token Vault rejected, so the next {@link #token} logs in again (login methods only).
     *
     * @param rejected the token that was refused
     */
    synchronized void rejected(String rejected) {
        if (canLogInAgain() && state != null && state.token().equals(rejected)) {
            state = null;
        }
    }

    /** Forgets the token. */
    synchronized void forget() {
        state = null;
    }

    private State obtain(String what, ResolveContext ctx) throws SecretException {
        switch (auth.method()) {
            case APPROLE:
                return appRoleLogin(what, ctx);
            case KUBERNETES:
                return kubernetesLogin(what, ctx);
            default:
                return lookUp(givenToken(what), what, ctx);
        }
    }

    private State renewOrReplace(State current, String what, ResolveContext ctx) throws SecretException {
        if (current.renewable()) {
            VaultHttp.Answer a = http.send("POST", "auth/token/renew-self", new byte[] {'{', '}'}, current.token(),
                    what, ctx);
            if (a.ok() && a.json().path("auth").isObject()) {
                LOG.debug("renewed the Vault token");
                return fromAuth(a.json().path("auth"), current.token());
            }
            LOG.debug("Vault did not renew the token (HTTP {})", a.status());
        }
        return canLogInAgain() ? obtain(what, ctx) : current;
    }

    private String givenToken(String what) throws SecretException {
        if (auth.token() != null) {
            return auth.token();
        }
        byte[] raw;
        try {
            raw = BoundedFiles.read(auth.tokenFile(), MAX_TOKEN_FILE_BYTES);
        } catch (IOException e) {
            throw new SecretException(Reason.UNAVAILABLE, what, "the Vault token file " + auth.tokenFile()
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            String token = new String(raw, StandardCharsets.UTF_8).strip();
            if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new SecretException(Reason.UNAVAILABLE, what, "the Vault token file " + auth.tokenFile()
                        + " does not hold one token; log in again with `vault login`");
            }
            return token;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private State lookUp(String token, String what, ResolveContext ctx) throws SecretException {
        VaultHttp.Answer a = http.send("GET", "auth/token/lookup-self", null, token, what, ctx);
        if (a.status() == 403) {
            throw new SecretException(Reason.DENIED, what, "Vault rejected the token from " + tokenSource()
                    + " (HTTP 403" + (a.errors().isEmpty() ? "" : ": " + a.errors()) + "); it may have expired or "
                    + "been revoked: log in again");
        }
        if (!a.ok()) {
            // a token without the default policy may not look itself up; it is used as it is, never renewed
            LOG.debug("token lookup answered HTTP {}; the token is used without renewal", a.status());
            return new State(token, false, 0, 0);
        }
        JsonNode data = a.json().path("data");
        long ttl = Math.max(0, data.path("ttl").asLong(0));
        long now = ticker.read();
        long ttlNanos = Duration.ofSeconds(ttl).toNanos();
        return new State(token, data.path("renewable").asBoolean(false), ttlNanos, now + ttlNanos);
    }

    private String tokenSource() {
        return auth.token() != null ? VaultSettings.TOKEN : String.valueOf(auth.tokenFile());
    }

    private State appRoleLogin(String what, ResolveContext ctx) throws SecretException {
        char[] roleId = reference(VaultSettings.ROLE_ID, auth.roleIdRef(), "AppRole role id", what, ctx);
        char[] secretId = null;
        try {
            secretId = reference(VaultSettings.SECRET_ID, auth.secretIdRef(), "AppRole secret id", what, ctx);
            return login(new String[] {"role_id", "secret_id"}, new char[][] {roleId, secretId}, "AppRole", what, ctx);
        } finally {
            Arrays.fill(roleId, '\0');
            if (secretId != null) {
                Arrays.fill(secretId, '\0');
            }
        }
    }

    private State kubernetesLogin(String what, ResolveContext ctx) throws SecretException {
        byte[] raw;
        try {
            raw = BoundedFiles.read(auth.jwtFile(), MAX_TOKEN_FILE_BYTES);
        } catch (IOException e) {
            throw new SecretException(Reason.UNAVAILABLE, what, "the service-account token " + auth.jwtFile()
                    + " cannot be read (" + e.getClass().getSimpleName() + "); set " + VaultSettings.K8S_JWT_FILE
                    + " when it is mounted elsewhere");
        }
        int end = raw.length;
        while (end > 0 && raw[end - 1] <= ' ') {
            end--;
        }
        char[] jwt = new char[end];
        for (int i = 0; i < end; i++) {
            jwt[i] = (char) (raw[i] & 0xff);
        }
        Arrays.fill(raw, (byte) 0);
        try {
            return login(new String[] {"role", "jwt"}, new char[][] {auth.role().toCharArray(), jwt}, "Kubernetes", what,
                    ctx);
        } finally {
            Arrays.fill(jwt, '\0');
        }
    }

    private State login(String[] names, char[][] values, String kind, String what, ResolveContext ctx)
            throws SecretException {
        byte[] body = LoginBody.of(names, values);
        VaultHttp.Answer a;
        try {
            a = http.send("POST", "auth/" + VaultReference.encodePath(auth.mount()) + "/login", body, null, what, ctx);
        } catch (SecretException e) {
            if (e.reason() == Reason.MALFORMED) {
                // 400: Vault's answer to a wrong role or secret id
                throw new SecretException(Reason.DENIED, what, "Vault refused the " + kind + " login at auth/"
                        + auth.mount() + ": " + e.getMessage());
            }
            throw e;
        } finally {
            Arrays.fill(body, (byte) 0);
        }
        if (!a.ok() || !a.json().path("auth").path("client_token").isTextual()) {
            throw new SecretException(a.status() == 404 ? Reason.UNAVAILABLE : Reason.DENIED, what, "Vault refused the "
                    + kind + " login at auth/" + auth.mount() + " (HTTP " + a.status()
                    + (a.errors().isEmpty() ? "" : ": " + a.errors()) + ")"
                    + (a.status() == 404 ? "; is the auth method enabled at that mount?" : ""));
        }
        LOG.debug("logged in to Vault with {}", kind);
        return fromAuth(a.json().path("auth"), null);
    }

    private State fromAuth(JsonNode authNode, String fallbackToken) {
        String token = authNode.path("client_token").asText(fallbackToken);
        long ttlNanos = Duration.ofSeconds(Math.max(0, authNode.path("lease_duration").asLong(0))).toNanos();
        return new State(token, authNode.path("renewable").asBoolean(false), ttlNanos, ticker.read() + ttlNanos);
    }

    /** Resolves a login credential through the other providers; it may not come from Vault itself. */
    private static char[] reference(String variable, String expression, String kind, String what, ResolveContext ctx)
            throws SecretException {
        try {
            for (SecretRef alternative : SecretRef.parseAlternatives(expression)) {
                if (alternative.scheme().equals(VaultSecretProvider.SCHEME)) {
                    throw new SecretException(Reason.MALFORMED, what, variable + " names a vault: reference; the "
                            + kind + " must come from another store (keychain:, pass:, file:, env:, ...)");
                }
            }
        } catch (MalformedRefException e) {
            throw new SecretException(Reason.MALFORMED, what, variable + " must hold a reference to the " + kind
                    + " (e.g. keychain:vault/secret-id or file:/run/secrets/vault-secret-id), not the value; its "
                    + expression.length() + " characters do not form one");
        }
        if (ctx.isExpired()) {
            throw new SecretException(Reason.TIMEOUT, what, "deadline passed before the " + kind + " was read");
        }
        try (Secrets others = Secrets.builder().environment(ctx.environment()).profile(ctx.profile())
                .timeout(ctx.remaining()).cacheTtl(Duration.ZERO).build()) {
            Secret s = others.resolve(expression);
            try {
                return s.revealChars();
            } finally {
                s.destroy();
            }
        } catch (SecretException e) {
            Reason r = e.reason() == Reason.NOT_FOUND || e.reason() == Reason.MALFORMED ? Reason.UNAVAILABLE : e.reason();
            throw new SecretException(r, what, "the " + kind + " (" + variable + "=" + expression
                    + ") could not be had, so there is no Vault login: " + e.getMessage());
        }
    }
}
