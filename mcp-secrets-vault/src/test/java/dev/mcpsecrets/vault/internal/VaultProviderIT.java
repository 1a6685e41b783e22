package dev.mcpsecrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.tck.CapturedLogs;
import dev.mcpsecrets.vault.testing.FakeVault;
import dev.mcpsecrets.vault.testing.FakeVault.Kind;
import dev.mcpsecrets.vault.testing.FakeVault.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KV v1/v2 reads, batching, and every failure Vault answers with, against the fake Vault on 127.0.0.1. */
class VaultProviderIT {
    private static final String TOKEN = "hvs.PLANTED-token-abcdef0123456789";
    private static final String DB_PASSWORD = "PLANTED-db-password-41";

    private FakeVault vault;
    private VaultSecretProvider provider;

    @BeforeEach
    void start() {
        vault = FakeVault.start().mount("secret", 2).mount("kv", 1).token(TOKEN, 0, false, "*")
                .put("secret/app/db", Map.of("password", "PLANTED-old-password", "user", "app"))
                .put("secret/app/db", Map.of("password", DB_PASSWORD, "user", "app", "port", 5432))
                .put("secret/app/api", Map.of("token", "PLANTED-api-token-7"))
                .put("kv/legacy/mail", Map.of("smtp", "PLANTED-smtp-9"));
        provider = new VaultSecretProvider();
        CapturedLogs.clear();
    }

    @AfterEach
    void stop() {
        provider.close();
        vault.close();
    }

    private Map<String, String> env() {
        return Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", TOKEN);
    }

    private ResolveContext ctx(Duration timeout) {
        return ResolveContext.of(Profile.DEVELOPMENT, timeout, env());
    }

    private ResolveContext ctx() {
        return ctx(Duration.ofSeconds(10));
    }

    private static SecretRef ref(String body) {
        return SecretRef.of("vault", body);
    }

    private String value(String body) throws SecretException {
        Secret s = provider.resolve(ref(body), ctx());
        try {
            return s.revealAsString();
        } finally {
            s.destroy();
        }
    }

    private SecretException failure(String body, ResolveContext ctx) {
        try {
            provider.resolve(ref(body), ctx).destroy();
        } catch (SecretException e) {
            return e;
        }
        throw new AssertionError("vault:" + body + " resolved");
    }

    @Test
    void kvVersion2IsDetectedFromTheMountLookupAndReadUnderData() throws Exception {
        assertThat(value("secret/app/db#password")).isEqualTo(DB_PASSWORD);
        assertThat(vault.requests()).extracting(FakeVault.Request::path).containsExactly(
                "/v1/auth/token/lookup-self", "/v1/sys/internal/ui/mounts/secret/app/db", "/v1/secret/data/app/db");
    }

    @Test
    void kvVersion1IsReadAtItsPathWithItsLeaseAsTheCacheLimit() throws Exception {
        vault.lease("kv/legacy/mail", 90);
        Secret s = provider.resolve(ref("kv/legacy/mail#smtp"), ctx());
        assertThat(s.revealAsString()).isEqualTo("PLANTED-smtp-9");
        assertThat(s.maxAge()).contains(Duration.ofSeconds(90));
        assertThat(s.origin()).hasValueSatisfying(o -> assertThat(o).contains("KV v1 kv/legacy/mail"));
        assertThat(vault.requests()).extracting(FakeVault.Request::path).contains("/v1/kv/legacy/mail");
    }

    @Test
    void theMountAnswerIsCachedSoLaterReadsCostOneRequestEach() throws Exception {
        value("secret/app/db#password");
        value("secret/app/api#token");
        value("secret/app/db#user");
        assertThat(vault.count(Kind.MOUNT_LOOKUP)).isEqualTo(1);
        assertThat(vault.count(Kind.LOOKUP_SELF)).isEqualTo(1);
        assertThat(vault.count(Kind.READ)).isEqualTo(3);
    }

    @Test
    void versionsAreReadAndADeletedVersionIsNotFound() throws Exception {
        assertThat(value("secret/app/db?version=1#password")).isEqualTo("PLANTED-old-password");
        assertThat(value("secret/app/db#password?version=1")).isEqualTo("PLANTED-old-password");
        vault.deleteVersion("secret/app/db", 1);
        provider.close();
        SecretException e = failure("secret/app/db?version=1#password", ctx());
        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains("deleted");
        assertThat(failure("kv/legacy/mail?version=2#smtp", ctx()).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void theKeyMayBeLeftOutOnlyWhenTheSecretHasOneAndNonStringValuesAreTheirJson() throws Exception {
        assertThat(value("secret/app/api")).isEqualTo("PLANTED-api-token-7");
        SecretException e = failure("secret/app/db", ctx());
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("3 keys").contains("password").contains("#KEY").doesNotContain(DB_PASSWORD);
        assertThat(value("secret/app/db#port")).isEqualTo("5432");
        assertThat(failure("secret/app/db#nope", ctx()).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void aBatchOfTwentyReferencesAcrossTwoPathsReadsEachPathOnce() throws Exception {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            data.put("k" + i, "PLANTED-a-" + i);
        }
        vault.put("secret/team/a", data);
        Map<String, String> other = new LinkedHashMap<>();
        data.forEach((k, v) -> other.put(k, v.replace("-a-", "-b-")));
        vault.put("secret/team/b", other);
        List<SecretRef> refs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            refs.add(ref("secret/team/a#k" + i));
            refs.add(ref("secret/team/b#k" + i));
        }
        Map<SecretRef, Secret> out = provider.resolveAll(refs, ctx());
        assertThat(out).hasSize(20);
        assertThat(out.get(ref("secret/team/b#k7")).revealAsString()).isEqualTo("PLANTED-b-7");
        assertThat(vault.count(Kind.READ)).isEqualTo(2);
        out.values().forEach(Secret::destroy);
    }

    @Test
    void theFacadeBatchLeavesAMissingPathOutAndAsksNoMoreForIt() throws Exception {
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(provider).environment(env()).build()) {
            Map<String, String> want = new HashMap<>();
            want.put("A", "vault:secret/app/db#password");
            want.put("B", "vault:secret/app/none#password");
            assertThatThrownBy(() -> secrets.resolveAll(want)).hasMessageContaining("secret/app/none")
                    .hasMessageNotContaining(DB_PASSWORD);
        }
        assertThat(vault.count(Kind.READ)).as("one read per path, the miss remembered").isEqualTo(2);
    }

    @Test
    void aSealedVaultIsUnavailable() {
        vault.mode(Mode.SEALED);
        SecretException e = failure("secret/app/db#password", ctx());
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("sealed").contains("503");
        assertThat(vault.count(Kind.LOOKUP_SELF)).as("503 is not retried").isEqualTo(1);
    }

    @Test
    void aThrottledVaultIsRateLimitedAtOnceWhenItsRetryAfterPassesTheDeadline() {
        vault.mode(Mode.THROTTLED).retryAfter(30);
        long start = System.nanoTime();
        SecretException e = failure("secret/app/db#password", ctx(Duration.ofSeconds(3)));
        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.getMessage()).contains("429").contains("rate limit quota exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aShortRetryAfterIsWaitedOutAndRetried() throws Exception {
        vault.mode(Mode.THROTTLED).retryAfter(0);
        SecretException e = failure("secret/app/db#password", ctx());
        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.getMessage()).contains("after 3 attempts");
        assertThat(vault.count(Kind.LOOKUP_SELF)).isEqualTo(3);
    }

    @Test
    void aPathThePolicyDoesNotGrantIsDenied() {
        vault.token("hvs.PLANTED-narrow-token-55", 0, false, "secret/data/app/api");
        SecretException e = failure("secret/app/db#password", ResolveContext.of(Profile.DEVELOPMENT,
                Duration.ofSeconds(10), Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", "hvs.PLANTED-narrow-token-55")));
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).contains("permission denied").contains("secret/data/app/db")
                .doesNotContain("PLANTED-narrow");
        vault.token("hvs.PLANTED-other-mount-66", 0, false, "kv/");
        SecretException mount = failure("secret/app/db#password", ResolveContext.of(Profile.DEVELOPMENT,
                Duration.ofSeconds(10), Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", "hvs.PLANTED-other-mount-66")));
        assertThat(mount.reason()).isEqualTo(Reason.DENIED);
        assertThat(mount.getMessage()).contains("no mount there").doesNotContain("PLANTED-other");
    }

    @Test
    void anUnknownTokenIsDenied() {
        SecretException e = failure("secret/app/db#password", ResolveContext.of(Profile.DEVELOPMENT,
                Duration.ofSeconds(10), Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", "hvs.PLANTED-unknown-1")));
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).contains("VAULT_TOKEN").doesNotContain("PLANTED-unknown");
    }

    @Test
    void aMissingSecretIsNotFoundAndAMountNobodyHasIsDenied() {
        assertThat(failure("secret/app/absent#x", ctx()).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure("kv/legacy/absent#x", ctx()).reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure("nomount/app#x", ctx()).reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void aSlowVaultFailsWithTimeoutAtTheDeadline() {
        vault.latency(Duration.ofSeconds(5));
        long start = System.nanoTime();
        SecretException e = failure("secret/app/db#password", ctx(Duration.ofMillis(400)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(took).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aSlowVaultBehindTheFacadeHoldsTheFacadeDeadlineToo() {
        vault.latency(Duration.ofSeconds(5));
        long start = System.nanoTime();
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(provider).environment(env())
                .timeout(Duration.ofMillis(400)).build()) {
            assertThatThrownBy(() -> secrets.resolve("vault:secret/app/db#password"))
                    .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aStandbyThatRedirectsIsUnavailableAndTheRedirectIsNotFollowed() {
        vault.mode(Mode.STANDBY_REDIRECT);
        SecretException e = failure("secret/app/db#password", ctx());
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("standby").contains("307");
    }

    @Test
    void theNamespaceIsSentAndSelectsTheSecrets() throws Exception {
        vault.inNamespace("team-a").mount("secret", 2).put("secret/app/db", Map.of("password", "PLANTED-ns-pass"))
                .token("hvs.PLANTED-ns-token", 0, false, "*");
        Map<String, String> env = Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", "hvs.PLANTED-ns-token",
                "VAULT_NAMESPACE", "team-a");
        Secret s = provider.resolve(ref("secret/app/db#password"), ResolveContext.of(Profile.DEVELOPMENT,
                Duration.ofSeconds(10), env));
        assertThat(s.revealAsString()).isEqualTo("PLANTED-ns-pass");
        assertThat(s.origin()).hasValueSatisfying(o -> assertThat(o).contains("namespace team-a"));
        assertThat(failure("secret/app/db#password", ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10),
                Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", "hvs.PLANTED-ns-token"))).reason())
                .isEqualTo(Reason.DENIED);
    }

    @Test
    void theTokenNeverLeavesTheHeaderAndNoValueOrTokenIsLogged() throws Exception {
        value("secret/app/db#password");
        failure("secret/app/db#absent", ctx());
        vault.mode(Mode.SEALED);
        provider.close();
        failure("secret/app/db#password", ctx());
        assertThat(vault.requests()).allSatisfy(r -> assertThat(r.path() + "?" + r.query()).doesNotContain(TOKEN));
        assertThat(String.join("\n", CapturedLogs.lines())).doesNotContain(TOKEN).doesNotContain(DB_PASSWORD)
                .doesNotContain("PLANTED");
        assertThat(provider.toString()).doesNotContain(TOKEN);
    }
}
