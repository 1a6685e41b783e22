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
import dev.mcpsecrets.onepassword.testing.FakeOp;
import dev.mcpsecrets.tck.CapturedLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link OpCliProvider} against the fake op program (test resource {@code fake-op/op}). */
class OpCliProviderIT {
    private static final String TOKEN = "ops_fake-service-account-token-0123456789";

    private static ResolveContext ctx(FakeOp fake, Duration timeout) {
        return ResolveContext.of(Profile.DEVELOPMENT, timeout, fake.environment());
    }

    private static String value(int i) {
        return "value-" + i + "-s3cr3t-\u00e9";
    }

    private static FakeOp fakeWithTwentySecrets() {
        FakeOp fake = FakeOp.install().env("OP_SERVICE_ACCOUNT_TOKEN", TOKEN).env("OP_ACCOUNT", "my.1password.com");
        for (int i = 0; i < 20; i++) {
            fake.with("op://Private/Item " + (i % 4) + "/field" + i, value(i));
        }
        return fake;
    }

    @Test
    void discoveredProviderSeesTheEnvironmentGivenToTheBuilder() throws Exception {
        FakeOp fake = fakeWithTwentySecrets();
        try (Secrets secrets = Secrets.builder().environment(fake.environment()).build()) {
            Secret s = secrets.resolve("op://Private/Item 1/field5");
            assertThat(s.revealAsString()).isEqualTo(value(5));
            assertThat(s.providerId()).contains(OpCliProvider.ID);
        }
    }

    @Test
    void readResolvesOneReferenceWithOneProcessAndNoValueOrTokenInArgv() throws Exception {
        FakeOp fake = fakeWithTwentySecrets();
        OpCliProvider provider = new OpCliProvider(fake.environment());
        Secret s = provider.resolve(SecretRef.parse("op://Private/Item 1/field5"), ctx(fake, Duration.ofSeconds(10)));
        assertThat(s.revealAsString()).isEqualTo(value(5));
        assertThat(fake.starts()).hasSize(1);
        String start = fake.starts().get(0);
        assertThat(start).contains("argv=read|--no-newline|op://Private/Item 1/field5|")
                .contains("token=set", "account=my.1password.com")
                .doesNotContain(TOKEN, value(5));
    }

    @Test
    void resolveAllOfTwentyThroughTheFacadeStartsOneProcess() throws Exception {
        FakeOp fake = fakeWithTwentySecrets().env("FAKE_OP_DELAY_MS", "500");
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            names.put("SECRET_" + i, "op://Private/Item " + (i % 4) + "/field" + i);
        }
        CapturedLogs.clear();
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(new OpCliProvider(fake.environment()))
                .environment(fake.environment()).cacheTtl(Duration.ZERO).build()) {
            Map<String, Secret> out = secrets.resolveAll(names);
            for (int i = 0; i < 20; i++) {
                assertThat(out.get("SECRET_" + i).revealAsString()).isEqualTo(value(i));
                assertThat(out.get("SECRET_" + i).providerId()).contains(OpCliProvider.ID);
            }
        }
        assertThat(fake.starts()).hasSize(1);
        assertThat(fake.starts().get(0)).contains("argv=inject|");
        assertNoValueIn(fake.starts());
        assertThat(CapturedLogs.isActive()).as("logs are captured").isTrue();
        assertThat(CapturedLogs.lines()).as("the provider logged its op run").anyMatch(l -> l.contains("op inject"));
        assertNoValueIn(CapturedLogs.lines());
    }

    @Test
    void oneMissingReferenceInABatchIsIsolatedAndReportedAsNotFound() throws Exception {
        FakeOp fake = fakeWithTwentySecrets();
        OpCliProvider provider = new OpCliProvider(fake.environment());
        List<SecretRef> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(SecretRef.parse("op://Private/Item " + (i % 4) + "/field" + i));
        }
        SecretRef missing = SecretRef.parse("op://Private/Item 2/nope");
        refs.add(3, missing);
        Map<SecretRef, Secret> out = provider.resolveAll(refs, ctx(fake, Duration.ofSeconds(10)));
        assertThat(out).hasSize(8).doesNotContainKey(missing);
        int processes = fake.starts().size();
        // 9 fails; halves of 4 (fails) and 5; the 4 split into 2 (ok) and 2 (fails); that into 1 and 1
        assertThat(processes).as("halving 9 references isolates the missing one in 7 runs").isEqualTo(7);
        assertThatThrownBy(() -> provider.resolve(missing, ctx(fake, Duration.ofSeconds(10))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("does not have a field 'nope'")
                .hasMessageContaining("remembered");
        assertThat(fake.starts()).as("the NOT_FOUND was remembered, op not asked again").hasSize(processes);
    }

    @Test
    void missingVaultAndItemAreNotFound() {
        FakeOp fake = fakeWithTwentySecrets();
        OpCliProvider provider = new OpCliProvider(fake.environment());
        assertThatThrownBy(() -> provider.resolve(SecretRef.parse("op://Work/GitHub/token"), ctx(fake, Duration.ofSeconds(5))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("\"Work\" isn't a vault in this account");
        assertThatThrownBy(() -> provider.resolve(SecretRef.parse("op://Private/Nope/token"), ctx(fake, Duration.ofSeconds(5))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("isn't an item in the \"Private\" vault");
    }

    @Test
    void signedOutIsLockedAndTheNextCallDoesNotStartOpAgain() {
        FakeOp fake = fakeWithTwentySecrets().env("FAKE_OP_MODE", "signed-out");
        OpCliProvider provider = new OpCliProvider(fake.environment());
        SecretRef ref = SecretRef.of("op", "//Private/Item 0/field0");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.resolve(ref, ctx(fake, Duration.ofSeconds(5))))
                    .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.LOCKED))
                    .hasMessageContaining("not signed in");
        }
        assertThat(fake.starts()).hasSize(1);
    }

    @Test
    void rateLimitIsReportedAndRespected() {
        FakeOp fake = fakeWithTwentySecrets().env("FAKE_OP_MODE", "rate-limited");
        OpCliProvider provider = new OpCliProvider(fake.environment());
        SecretRef ref = SecretRef.of("op", "//Private/Item 0/field0");
        assertThatThrownBy(() -> provider.resolve(ref, ctx(fake, Duration.ofSeconds(5))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.RATE_LIMITED));
        assertThatThrownBy(() -> provider.resolveAll(List.of(ref, SecretRef.of("op", "//Private/Item 1/field1")),
                ctx(fake, Duration.ofSeconds(5))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.RATE_LIMITED))
                .hasMessageContaining("not asking again for");
        assertThat(fake.starts()).hasSize(1);
    }

    @Test
    void unknownOutputIsUnavailableAndNotEchoed() {
        FakeOp fake = fakeWithTwentySecrets().env("FAKE_OP_MODE", "garbage");
        OpCliProvider provider = new OpCliProvider(fake.environment());
        assertThatThrownBy(() -> provider.resolve(SecretRef.of("op", "//Private/Item 0/field0"), ctx(fake, Duration.ofSeconds(5))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("matched no known 1Password error")
                .hasMessageNotContaining("panic");
    }

    @Test
    void deadlineKillsTheProcessAndGivesTimeout() {
        FakeOp fake = fakeWithTwentySecrets().env("FAKE_OP_DELAY_MS", "20000");
        OpCliProvider provider = new OpCliProvider(fake.environment());
        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.resolve(SecretRef.of("op", "//Private/Item 0/field0"),
                ctx(fake, Duration.ofMillis(500))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        String pid = fake.starts().get(0).replaceAll(".*pid=(\\d+).*", "$1");
        assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void opIsFoundOnThePathOfTheContext() throws Exception {
        FakeOp fake = fakeWithTwentySecrets();
        Map<String, String> env = new HashMap<>(fake.environment());
        env.remove("MCP_SECRETS_OP_PATH");
        env.put("PATH", fake.directory() + ":" + env.get("PATH"));
        OpCliProvider provider = new OpCliProvider(env);
        assertThat(provider.availability().available()).isTrue();
        assertThat(provider.resolve(SecretRef.parse("op://Private/Item 0/field0"),
                ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), env)).revealAsString()).isEqualTo(value(0));
    }

    @Test
    void withoutOpTheProviderIsUnavailableAndSaysHowToFixIt() {
        OpCliProvider provider = new OpCliProvider(Map.of("PATH", "/nonexistent-dir"));
        assertThat(provider.availability().available()).isFalse();
        assertThat(provider.availability().reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(provider.availability().detail()).contains("not on PATH", "MCP_SECRETS_OP_PATH");
        assertThatThrownBy(() -> provider.resolve(SecretRef.parse("op://Private/Item 0/field0"),
                ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), Map.of("PATH", "/nonexistent-dir"))))
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("not on PATH");
    }

    private static void assertNoValueIn(List<String> lines) {
        for (String line : lines) {
            assertThat(line).doesNotContain(TOKEN);
            for (int i = 0; i < 20; i++) {
                assertThat(line).doesNotContain(value(i));
            }
        }
    }
}
