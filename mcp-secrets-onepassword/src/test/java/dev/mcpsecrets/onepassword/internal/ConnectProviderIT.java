package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.onepassword.testing.FakeConnect;
import dev.mcpsecrets.onepassword.testing.FakeConnect.Field;
import dev.mcpsecrets.onepassword.testing.FakeOp;
import dev.mcpsecrets.tck.CapturedLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ConnectProvider} against the fake Connect server on 127.0.0.1. */
class ConnectProviderIT {
    private static final String TOKEN = "connect-token-never-printed-0123456789";

    private FakeConnect server;
    private String githubId;
    private String vaultId;

    @BeforeEach
    void start() {
        server = FakeConnect.start(TOKEN);
        List<Field> github = new ArrayList<>();
        List<Field> database = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            github.add(Field.concealed("field" + i, value("gh", i)));
            database.add(Field.concealed("field" + i, value("db", i)));
        }
        github.add(new Field(FakeConnect.newId(), "email", "EMAIL", "admin@example.com", "sec1", null));
        github.add(new Field(FakeConnect.newId(), "one-time password", "OTP", "otpauth://totp/x?secret=ABC", null, "123456"));
        github.add(Field.concealed("dup", "a-value-1"));
        github.add(Field.concealed("dup", "a-value-2"));
        githubId = server.item("Private", "GitHub", Map.of("sec1", "Admin"), github);
        server.item("Private", "Database", Map.of(), database);
        vaultId = server.vault("Private");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String value(String item, int i) {
        return item + "-secret-value-" + i + "-\u00e9";
    }

    private Map<String, String> env() {
        return Map.of("OP_CONNECT_HOST", server.url(), "OP_CONNECT_TOKEN", TOKEN);
    }

    private ResolveContext ctx() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), env());
    }

    private static SecretException failure(ThrowingResolve call) {
        try {
            call.run();
        } catch (SecretException e) {
            return e;
        }
        throw new AssertionError("expected a SecretException");
    }

    @FunctionalInterface
    private interface ThrowingResolve {
        void run() throws SecretException;
    }

    @Test
    void twentyReferencesToTwoItemsCostTwoItemFetches() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            names.put("GH_" + i, "op://Private/GitHub/field" + i);
            names.put("DB_" + i, "op://private/database/field" + i);
        }
        CapturedLogs.clear();
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new ConnectProvider(env()))
                .environment(env()).cacheTtl(Duration.ZERO).build()) {
            Map<String, Secret> out = secrets.resolveAll(names);
            for (int i = 0; i < 10; i++) {
                assertThat(out.get("GH_" + i).revealAsString()).isEqualTo(value("gh", i));
                assertThat(out.get("DB_" + i).revealAsString()).isEqualTo(value("db", i));
                assertThat(out.get("DB_" + i).providerId()).contains(ConnectProvider.ID);
            }
            assertThat(server.count("item")).isEqualTo(2);
            assertThat(server.count("lookup")).isEqualTo(2);
            assertThat(server.count("vaults")).isEqualTo(1);
            secrets.resolveAll(names).values().forEach(Secret::destroy);
            assertThat(server.requests()).as("with the IDs cached, a second batch costs the 2 item fetches").hasSize(7);
        }
        assertThat(server.requests()).allMatch(FakeConnect.Request::authorized);
        assertThat(CapturedLogs.lines()).anyMatch(l -> l.contains("/v1/vaults")).noneMatch(l -> l.contains(TOKEN)
                || l.contains("secret-value"));
    }

    @Test
    void aMissingItemInABatchCostsOneLookupAndIsRememberedForEachOfItsReferences() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("GH_0", "op://Private/GitHub/field0");
        names.put("GONE_A", "op://Private/Gone/a");
        names.put("GH_1", "op://Private/GitHub/field1");
        names.put("GONE_B", "op://Private/Gone/b");
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new ConnectProvider(env()))
                .environment(env()).build()) {
            SecretException e = failure(() -> secrets.resolveAll(names));
            assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).contains("GONE_A", "GONE_B", "no item titled 'Gone'")
                    .doesNotContain("secret-value");
        }
        assertThat(server.count("lookup")).as("GitHub once, Gone once").isEqualTo(2);
        assertThat(server.count("item")).isEqualTo(1);
    }

    @Test
    void tooManyRequestsWithRetryAfterOneIsWaitedOutAndSucceeds() throws Exception {
        server.failNext(429, 1, "1");
        Secret s = new ConnectProvider(env()).resolve(SecretRef.parse("op://Private/GitHub/field3"), ctx());
        assertThat(s.revealAsString()).isEqualTo(value("gh", 3));
        List<FakeConnect.Request> requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo(requests.get(1).path());
        assertThat(Duration.ofNanos(requests.get(1).nanoTime() - requests.get(0).nanoTime()))
                .as("the retry came after the Retry-After second").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterLongerThanTheDeadlineFailsAtOnceAsRateLimited() {
        server.failNext(429, 1, "30");
        ResolveContext shortCtx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(2), env());
        SecretException e = failure(() -> new ConnectProvider(env()).resolve(SecretRef.parse("op://Private/GitHub/field3"),
                shortCtx));
        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(e.getMessage()).contains("would pass the deadline");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() throws Exception {
        server.failNext(500, 2, null);
        assertThat(new ConnectProvider(env()).resolve(SecretRef.parse("op://Private/GitHub/field1"), ctx())
                .revealAsString()).isEqualTo(value("gh", 1));
        assertThat(server.count("vaults")).isEqualTo(3);
    }

    @Test
    void fiveUnauthorizedInARowOpenTheCircuitAndTheSixthRequestIsNotSent() {
        Map<String, String> wrong = new HashMap<>(env());
        wrong.put("OP_CONNECT_TOKEN", "wrong-token-also-never-printed");
        ConnectProvider provider = new ConnectProvider(wrong);
        ResolveContext wrongCtx = ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), wrong);
        for (int i = 1; i <= 5; i++) {
            SecretException e = failure(() -> provider.resolve(SecretRef.parse("op://Private/GitHub/field1"), wrongCtx));
            assertThat(e.reason()).isEqualTo(Reason.DENIED);
            assertThat(e.getMessage()).contains("401").doesNotContain("wrong-token");
        }
        assertThat(server.requests()).hasSize(5);
        SecretException sixth = failure(() -> provider.resolve(SecretRef.parse("op://Private/GitHub/field2"), wrongCtx));
        assertThat(sixth.reason()).isEqualTo(Reason.DENIED);
        assertThat(sixth.getMessage()).contains("circuit open", "5 times in a row", "OP_CONNECT_TOKEN");
        assertThat(server.requests()).as("the sixth request was not sent").hasSize(5);
        assertThat(provider.availability().available()).isFalse();
        assertThat(provider.availability().reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void missingFieldIsNotFoundAndRememberedWithoutAskingAgain() {
        ConnectProvider provider = new ConnectProvider(env());
        SecretException e = failure(() -> provider.resolve(SecretRef.parse("op://Private/GitHub/nope"), ctx()));
        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains("has no field 'nope'");
        int sent = server.requests().size();
        SecretException again = failure(() -> provider.resolve(SecretRef.parse("op://Private/GitHub/nope"), ctx()));
        assertThat(again.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(server.requests()).hasSize(sent);
    }

    @Test
    void missingVaultOrItemIsNotFound() {
        ConnectProvider provider = new ConnectProvider(env());
        assertThat(failure(() -> provider.resolve(SecretRef.parse("op://Work/GitHub/field1"), ctx())))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("no vault named 'Work'");
        assertThat(failure(() -> provider.resolve(SecretRef.parse("op://Private/Gitlab/field1"), ctx())))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("no item titled 'Gitlab'");
    }

    @Test
    void forbiddenIsDenied() {
        server.failNext(403, 1, null);
        assertThat(failure(() -> new ConnectProvider(env()).resolve(SecretRef.parse("op://Private/GitHub/field1"), ctx())))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.DENIED))
                .hasMessageContaining("403");
    }

    @Test
    void sectionsOtpAttributesAndIdsAreHonoured() throws Exception {
        ConnectProvider provider = new ConnectProvider(env());
        assertThat(provider.resolve(SecretRef.parse("op://Private/GitHub/Admin/email"), ctx()).revealAsString())
                .isEqualTo("admin@example.com");
        assertThat(provider.resolve(SecretRef.parse("op://Private/GitHub/one-time password?attribute=otp"), ctx())
                .revealAsString()).isEqualTo("123456");
        assertThat(provider.resolve(SecretRef.parse("op://Private/GitHub/field0?attribute=type"), ctx())
                .revealAsString()).isEqualTo("CONCEALED");
        assertThat(provider.resolve(SecretRef.parse("op://" + vaultId + "/" + githubId + "/field4"), ctx())
                .revealAsString()).isEqualTo(value("gh", 4));
        assertThat(failure(() -> provider.resolve(SecretRef.parse("op://Private/GitHub/Other/email"), ctx())))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("no section 'Other'");
        assertThat(failure(() -> provider.resolve(SecretRef.parse("op://Private/GitHub/field1?attribute=otp"), ctx())))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void ambiguousFieldNameIsMalformedAndNamesTheFix() {
        assertThat(failure(() -> new ConnectProvider(env()).resolve(SecretRef.parse("op://Private/GitHub/dup"), ctx())))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining("2 fields")
                .hasMessageNotContaining("a-value");
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefusedBeforeAnythingIsSent() {
        Map<String, String> remote = Map.of("OP_CONNECT_HOST", "http://connect.example:8080", "OP_CONNECT_TOKEN", TOKEN);
        ConnectProvider provider = new ConnectProvider(remote);
        assertThat(provider.availability().available()).isFalse();
        assertThat(provider.availability().detail()).contains("plain http").doesNotContain(TOKEN);
        SecretException e = failure(() -> provider.resolve(SecretRef.parse("op://Private/GitHub/field1"),
                ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), remote)));
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void theFacadeUsesConnectWhenConfiguredAndTheCliOtherwise() throws Exception {
        FakeOp fake = FakeOp.install().with("op://Private/GitHub/field1", "from-the-cli-12345");
        Map<String, String> both = new HashMap<>(fake.environment());
        both.putAll(env());
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new OpCliProvider(both))
                .addProvider(new ConnectProvider(both)).environment(both).build()) {
            Secret s = secrets.resolve("op://Private/GitHub/field1");
            assertThat(s.providerId()).contains(ConnectProvider.ID);
            assertThat(s.revealAsString()).isEqualTo(value("gh", 1));
        }
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new OpCliProvider(fake.environment()))
                .addProvider(new ConnectProvider(fake.environment())).environment(fake.environment()).build()) {
            Secret s = secrets.resolve("op://Private/GitHub/field1");
            assertThat(s.providerId()).contains(OpCliProvider.ID);
            assertThat(s.revealAsString()).isEqualTo("from-the-cli-12345");
        }
    }
}
