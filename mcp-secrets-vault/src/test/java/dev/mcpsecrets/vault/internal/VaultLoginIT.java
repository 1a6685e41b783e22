package dev.mcpsecrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.tck.CapturedLogs;
import dev.mcpsecrets.vault.testing.FakeVault;
import dev.mcpsecrets.vault.testing.FakeVault.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token, AppRole and Kubernetes logins, token lookup and renewal, against the fake Vault on 127.0.0.1. */
class VaultLoginIT {
    private static final String ROLE_ID = "PLANTED-role-id-1111";
    private static final String SECRET_ID = "PLANTED-secret-id-\"2222\\";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.PLANTED-jwt-body.c2lnbmF0dXJl";
    private static final SecretRef DB = SecretRef.of("vault", "secret/app/db#password");

    @TempDir
    Path dir;
    private FakeVault vault;
    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - Duration.ofHours(1).toNanos());
    private VaultReader reader;

    @BeforeEach
    void start() {
        vault = FakeVault.start().mount("secret", 2).put("secret/app/db", Map.of("password", "PLANTED-db-pass"));
        reader = new VaultReader(now::get);
        CapturedLogs.clear();
    }

    @AfterEach
    void stop() {
        reader.close();
        vault.close();
    }

    private ResolveContext ctx(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("VAULT_ADDR", vault.url());
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), env);
    }

    private String read(Map<String, String> env) throws SecretException {
        Secret s = reader.resolve(DB, ctx(env));
        try {
            return s.revealAsString();
        } finally {
            s.destroy();
        }
    }

    private Map<String, String> appRoleEnv() throws Exception {
        Path secretIdFile = dir.resolve("secret-id");
        Files.writeString(secretIdFile, SECRET_ID);
        return Map.of("MCP_SECRETS_VAULT_ROLE_ID", "env:VAULT_ROLE_ID", "VAULT_ROLE_ID", ROLE_ID,
                "MCP_SECRETS_VAULT_SECRET_ID", "file:" + secretIdFile);
    }

    @Test
    void aTokenFromVaultLoginsFileIsUsedWhenVaultTokenIsUnset() throws Exception {
        vault.token("hvs.PLANTED-file-token", 0, false, "*");
        Files.writeString(dir.resolve(".vault-token"), "hvs.PLANTED-file-token\n");
        assertThat(read(Map.of("HOME", dir.toString()))).isEqualTo("PLANTED-db-pass");
    }

    @Test
    void aRenewableTokenIsRenewedWhenLessThanAThirdOfItsTtlIsLeft() throws Exception {
        vault.token("hvs.PLANTED-renewable", 3600, true, "*");
        Map<String, String> env = Map.of("VAULT_TOKEN", "hvs.PLANTED-renewable");
        read(env);
        assertThat(vault.count(Kind.LOOKUP_SELF)).isEqualTo(1);
        now.addAndGet(Duration.ofMinutes(30).toNanos());
        read(env);
        assertThat(vault.count(Kind.RENEW_SELF)).as("half the TTL left: not yet").isZero();
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        read(env);
        assertThat(vault.count(Kind.RENEW_SELF)).as("19 minutes of 60 left").isEqualTo(1);
        read(env);
        assertThat(vault.count(Kind.RENEW_SELF)).as("renewed to a full TTL").isEqualTo(1);
    }

    @Test
    void aTokenThatCannotBeRenewedIsUsedAsItIs() throws Exception {
        vault.token("hvs.PLANTED-batch", 3600, false, "*");
        Map<String, String> env = Map.of("VAULT_TOKEN", "hvs.PLANTED-batch");
        read(env);
        now.addAndGet(Duration.ofMinutes(50).toNanos());
        assertThat(read(env)).isEqualTo("PLANTED-db-pass");
        assertThat(vault.count(Kind.RENEW_SELF)).isZero();
    }

    @Test
    void appRoleLogsInWithIdsResolvedFromOtherStoresAndNeverLeaksThem() throws Exception {
        vault.appRole(ROLE_ID, SECRET_ID, 3600, true, "secret/");
        assertThat(read(appRoleEnv())).isEqualTo("PLANTED-db-pass");
        assertThat(read(appRoleEnv())).isEqualTo("PLANTED-db-pass");
        assertThat(vault.count(Kind.LOGIN)).as("the token is kept").isEqualTo(1);
        assertThat(vault.count(Kind.LOOKUP_SELF)).as("a login tells the TTL").isZero();
        assertThat(vault.requests()).extracting(FakeVault.Request::path).contains("/v1/auth/approle/login");
        assertThat(String.join("\n", CapturedLogs.lines())).doesNotContain("PLANTED");
    }

    @Test
    void aLoginTokenIsRenewedAndAfterRevocationReplacedByANewLogin() throws Exception {
        vault.appRole(ROLE_ID, SECRET_ID, 600, true, "secret/");
        read(appRoleEnv());
        now.addAndGet(Duration.ofMinutes(8).toNanos());
        read(appRoleEnv());
        assertThat(vault.count(Kind.RENEW_SELF)).isEqualTo(1);
        vault.revokeIssuedTokens();
        assertThat(read(appRoleEnv())).isEqualTo("PLANTED-db-pass");
        assertThat(vault.count(Kind.LOGIN)).as("a rejected login token is replaced once").isEqualTo(2);
    }

    @Test
    void aWrongSecretIdIsDeniedWithoutShowingIt() throws Exception {
        vault.appRole(ROLE_ID, "PLANTED-the-right-one", 600, true, "secret/");
        assertThatThrownBy(() -> read(appRoleEnv())).isInstanceOfSatisfying(SecretException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.DENIED);
            assertThat(e.getMessage()).contains("AppRole").contains("invalid role or secret ID")
                    .doesNotContain("PLANTED");
        });
    }

    @Test
    void aSecretIdGivenAsAValueInsteadOfAReferenceIsRefusedWithoutEchoingIt() {
        Map<String, String> env = Map.of("MCP_SECRETS_VAULT_ROLE_ID", "env:VAULT_ROLE_ID", "VAULT_ROLE_ID", ROLE_ID,
                "MCP_SECRETS_VAULT_SECRET_ID", "PLANTED pasted secret id");
        assertThatThrownBy(() -> read(env)).isInstanceOfSatisfying(SecretException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(e.getMessage()).contains("MCP_SECRETS_VAULT_SECRET_ID").contains("reference")
                    .doesNotContain("PLANTED");
        });
        assertThat(vault.count(Kind.LOGIN)).isZero();
    }

    @Test
    void aSecretIdMayNotComeFromVaultItself() {
        Map<String, String> env = Map.of("MCP_SECRETS_VAULT_ROLE_ID", "env:VAULT_ROLE_ID", "VAULT_ROLE_ID", ROLE_ID,
                "MCP_SECRETS_VAULT_SECRET_ID", "vault:secret/approle#secret_id");
        assertThatThrownBy(() -> read(env)).isInstanceOfSatisfying(SecretException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void aSecretIdThatCannotBeReadMakesTheLoginUnavailable() {
        Map<String, String> env = Map.of("MCP_SECRETS_VAULT_ROLE_ID", "env:VAULT_ROLE_ID", "VAULT_ROLE_ID", ROLE_ID,
                "MCP_SECRETS_VAULT_SECRET_ID", "env:NOT_SET_ANYWHERE");
        assertThatThrownBy(() -> read(env)).isInstanceOfSatisfying(SecretException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.getMessage()).contains("env:NOT_SET_ANYWHERE");
        });
    }

    @Test
    void kubernetesLogsInWithTheServiceAccountToken() throws Exception {
        Path jwt = dir.resolve("token");
        Files.writeString(jwt, JWT + "\n");
        vault.kubernetesRole("mcp-server", JWT, 3600, "secret/");
        Map<String, String> env = Map.of("MCP_SECRETS_VAULT_K8S_ROLE", "mcp-server", "MCP_SECRETS_VAULT_K8S_JWT_FILE",
                jwt.toString());
        assertThat(read(env)).isEqualTo("PLANTED-db-pass");
        assertThat(vault.requests()).extracting(FakeVault.Request::path).contains("/v1/auth/kubernetes/login");
        Files.writeString(jwt, "eyJ.other.jwt");
        reader.close();
        assertThatThrownBy(() -> read(env)).isInstanceOfSatisfying(SecretException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.DENIED);
            assertThat(e.getMessage()).contains("Kubernetes").doesNotContain("eyJ");
        });
        assertThat(String.join("\n", CapturedLogs.lines())).doesNotContain("PLANTED-jwt");
    }

    @Test
    void aMissingServiceAccountTokenFileIsUnavailable() {
        Map<String, String> env = Map.of("MCP_SECRETS_VAULT_K8S_ROLE", "mcp-server", "MCP_SECRETS_VAULT_K8S_JWT_FILE",
                dir.resolve("absent").toString());
        assertThatThrownBy(() -> read(env)).isInstanceOfSatisfying(SecretException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }
}
