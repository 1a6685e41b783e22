package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static Secrets.Builder isolated() {
        return Secrets.builder().autoDiscovery(false).environment(Map.of("GITHUB_TOKEN", "env-token-value"))
                .addProvider(BuiltInProviders.environment());
    }

    @Test
    void discoveryFindsTheBuiltInProviders() {
        try (Secrets secrets = Secrets.builder().build()) {
            assertThat(secrets.providers()).extracting(ProviderStatus::id).contains("mcp-env", "mcp-file");
        }
    }

    @Test
    void sixtyFourThreadsAskingForOneRefCauseOneBackendCall() throws Exception {
        FakeProvider slow = new FakeProvider("fake-slow", "slow", 0).with("token", "slow-value");
        slow.delayMillis = 300;
        try (Secrets secrets = isolated().addProvider(slow).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(64);
            try {
                List<Callable<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    tasks.add(() -> secrets.resolve("slow:token").revealAsString());
                }
                for (Future<String> f : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                    assertThat(f.get()).isEqualTo("slow-value");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(slow.resolveCalls.get()).isEqualTo(1);
    }

    @Test
    void cachedValuesAreServedWithoutBackendCallsAndAsIndependentCopies() throws Exception {
        FakeProvider fake = new FakeProvider("fake", "fk", 0).with("a", "value-a");
        try (Secrets secrets = isolated().addProvider(fake).build()) {
            Secret first = secrets.resolve("fk:a");
            first.destroy();
            Secret second = secrets.resolve("fk:a");
            assertThat(second.revealAsString()).isEqualTo("value-a");
            assertThat(second.providerId()).contains("fake");
        }
        assertThat(fake.resolveCalls.get()).isEqualTo(1);
    }

    @Test
    void zeroTtlDisablesTheCache() throws Exception {
        FakeProvider fake = new FakeProvider("fake", "fk", 0).with("a", "value-a");
        try (Secrets secrets = isolated().addProvider(fake).cacheTtl(Duration.ZERO).build()) {
            secrets.resolve("fk:a");
            secrets.resolve("fk:a");
        }
        assertThat(fake.resolveCalls.get()).isEqualTo(2);
    }

    @Test
    void aHungBackendGivesTimeoutWithoutWaitingForIt() {
        FakeProvider hung = new FakeProvider("fake-hung", "hung", 0).with("x", "never");
        hung.delayMillis = 10_000;
        try (Secrets secrets = isolated().addProvider(hung).timeout(Duration.ofMillis(200)).build()) {
            assertThatThrownBy(() -> secrets.resolve("hung:x"))
                    .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
            assertThat(hung.finished).as("the caller returned before the backend finished").isFalse();
        }
    }

    @Test
    void fallbackUsesTheNextAlternativeAndListsAttemptsWhenAllFail() throws Exception {
        FakeProvider fake = new FakeProvider("fake", "fk", 0);
        try (Secrets secrets = isolated().addProvider(fake).build()) {
            assertThat(secrets.resolve("fk:missing || env:GITHUB_TOKEN").revealAsString()).isEqualTo("env-token-value");
            assertThatThrownBy(() -> secrets.resolve("fk:missing || env:NOT_SET"))
                    .isInstanceOfSatisfying(NoSuitableProviderException.class, e -> {
                        assertThat(e.attempts()).hasSize(2);
                        assertThat(e.attempts()).extracting(NoSuitableProviderException.Attempt::providerId)
                                .containsExactly("fake", "mcp-env");
                        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                        assertThat(e.getMessage()).contains("fk:missing").contains("env:NOT_SET");
                    });
        }
    }

    @Test
    void malformedAlternativeStopsTheChain() {
        try (Secrets secrets = isolated().build()) {
            assertThatThrownBy(() -> secrets.resolve("env:not a name || env:GITHUB_TOKEN"))
                    .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
    }

    @Test
    void higherPriorityWinsAndTheNextIsTriedOnlyWhenUnavailable() throws Exception {
        FakeProvider high = new FakeProvider("fake-high", "fk", 10).with("a", "from-high");
        FakeProvider low = new FakeProvider("fake-low", "fk", 1).with("a", "from-low").with("b", "low-b");
        try (Secrets secrets = isolated().addProvider(low).addProvider(high).cacheTtl(Duration.ZERO).build()) {
            assertThat(secrets.resolve("fk:a").revealAsString()).isEqualTo("from-high");
            assertThatThrownBy(() -> secrets.resolve("fk:b")).isInstanceOf(SecretException.class);
            assertThat(low.resolveCalls.get()).as("NOT_FOUND from the first does not fall through").isZero();
            high.availability = Availability.unavailable(Reason.LOCKED, "locked");
            assertThat(secrets.resolve("fk:a").revealAsString()).isEqualTo("from-low");
        }
    }

    @Test
    void missingProviderModuleIsUnavailableWithAHint() {
        try (Secrets secrets = isolated().build()) {
            assertThatThrownBy(() -> secrets.resolve("keychain:gh/token"))
                    .isInstanceOfSatisfying(NoSuitableProviderException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("mcp-secrets-keychain");
                    });
        }
    }

    @Test
    void passReferenceWithoutThePassModuleIsUnavailableWithAHint() {
        try (Secrets secrets = isolated().build()) {
            assertThatThrownBy(() -> secrets.resolve("pass:mcp/github-token"))
                    .isInstanceOfSatisfying(NoSuitableProviderException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("mcp-secrets-pass");
                    });
        }
    }

    @Test
    void vaultReferenceWithoutTheVaultModuleIsUnavailableWithAHint() {
        try (Secrets secrets = isolated().build()) {
            assertThatThrownBy(() -> secrets.resolve("vault:secret/app/db#password"))
                    .isInstanceOfSatisfying(NoSuitableProviderException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("mcp-secrets-vault");
                    });
        }
    }

    @Test
    void awsReferenceWithoutTheAwsModuleIsUnavailableWithAHint() {
        try (Secrets secrets = isolated().build()) {
            assertThatThrownBy(() -> secrets.resolve("aws-sm:prod/github#token"))
                    .isInstanceOfSatisfying(NoSuitableProviderException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("mcp-secrets-aws");
                    });
        }
    }

    @Test
    void unknownSchemeIsMalformed() {
        try (Secrets secrets = isolated().build()) {
            assertThatThrownBy(() -> secrets.resolve("nope:x")).isInstanceOf(MalformedRefException.class);
        }
    }

    @Test
    void resolveAllSendsOneBatchPerProvider() throws Exception {
        FakeProvider batching = new FakeProvider.Batching("fake-batch", "bt", 0);
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            batching.with("k" + i, "v" + i);
            wanted.put("VAR_" + i, "bt:k" + i);
        }
        wanted.put("GH", "env:GITHUB_TOKEN");
        try (Secrets secrets = isolated().addProvider(batching).build()) {
            Map<String, Secret> result = secrets.resolveAll(wanted);
            assertThat(result).hasSize(21);
            assertThat(result.get("VAR_7").revealAsString()).isEqualTo("v7");
            assertThat(result.get("GH").revealAsString()).isEqualTo("env-token-value");
            assertThat(List.copyOf(result.keySet())).containsExactlyElementsOf(wanted.keySet());
        }
        assertThat(batching.batchCalls.get()).isEqualTo(1);
        assertThat(batching.resolveCalls.get()).isZero();
    }

    @Test
    void resolveAllAsksAProviderThatOnlyOverridesResolveAllOneReferenceAtATime() throws Exception {
        // an override is no declaration: decorators and adapters override resolveAll to delegate
        FakeProvider plain = new FakeProvider("fake", "fk", 0).with("a", "va").with("b", "vb");
        try (Secrets secrets = isolated().addProvider(plain).build()) {
            Map<String, Secret> result = secrets.resolveAll(Map.of("A", "fk:a", "B", "fk:b"));
            assertThat(result.get("A").revealAsString()).isEqualTo("va");
            assertThat(result.get("B").revealAsString()).isEqualTo("vb");
        }
        assertThat(plain.batchCalls.get()).isZero();
        assertThat(plain.resolveCalls.get()).isEqualTo(2);
    }

    @Test
    void resolveAllDestroysValuesABatchReturnedButNobodyAskedFor() throws Exception {
        List<Secret> unasked = new ArrayList<>();
        FakeProvider.Batching chatty = new FakeProvider.Batching("fake-batch", "bt", 0) {
            @Override
            public Map<SecretRef, Secret> resolveAll(java.util.Collection<SecretRef> refs, ResolveContext ctx)
                    throws SecretException {
                Map<SecretRef, Secret> out = new LinkedHashMap<>(super.resolveAll(refs, ctx));
                Secret extra = Secret.of("not-asked-for");
                unasked.add(extra);
                out.put(SecretRef.parse("bt:other"), extra);
                return out;
            }
        };
        chatty.with("a", "va").with("b", "vb");
        try (Secrets secrets = isolated().addProvider(chatty).build()) {
            secrets.resolveAll(Map.of("A", "bt:a", "B", "bt:b")).values().forEach(Secret::destroy);
        }
        assertThat(unasked).singleElement().satisfies(s -> assertThat(s.isDestroyed()).isTrue());
    }

    @Test
    void resolveAllIsAllOrNothingAndNamesEveryFailure() {
        try (Secrets secrets = isolated().build()) {
            Map<String, String> wanted = new LinkedHashMap<>();
            wanted.put("OK", "env:GITHUB_TOKEN");
            wanted.put("A", "env:MISSING_A");
            wanted.put("B", "nope:b");
            assertThatThrownBy(() -> secrets.resolveAll(wanted))
                    .isInstanceOfSatisfying(ResolveAllException.class, e -> {
                        assertThat(e.failures()).containsOnlyKeys("A", "B");
                        assertThat(e.failures().get("A").reason()).isEqualTo(Reason.NOT_FOUND);
                        assertThat(e.failures().get("B").reason()).isEqualTo(Reason.MALFORMED);
                    })
                    .hasMessageContaining("cannot resolve 2 of 3")
                    .hasMessageContaining("A: ").hasMessageContaining("B: ")
                    .hasMessageNotContaining("env-token-value");
        }
    }

    @Test
    void aProviderThrowingUncheckedIsUnavailableAndItsMessageIsNotRepeated() {
        SecretProvider rude = new FakeProvider("fake-rude", "rude", 0) {
            @Override
            public Secret resolve(SecretRef ref, ResolveContext ctx) {
                throw new IllegalStateException("oops the value is hunter2-secret");
            }
        };
        try (Secrets secrets = isolated().addProvider(rude).build()) {
            assertThatThrownBy(() -> secrets.resolve("rude:x"))
                    .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void duplicateExplicitIdsAreRejected() {
        assertThatThrownBy(() -> Secrets.builder().addProvider(BuiltInProviders.environment())
                .addProvider(BuiltInProviders.environment()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mcp-env");
    }

    @Test
    void builderValidatesSettings() {
        assertThatThrownBy(() -> Secrets.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secrets.builder().cacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secrets.builder().frameworkProfile("bad name"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profileComesFromTheEnvironmentUnlessFixed() {
        try (Secrets s = Secrets.builder().autoDiscovery(false).environment(Map.of("CLAUDE_ENV", "prod")).build()) {
            assertThat(s.profile()).isEqualTo(Profile.PRODUCTION);
        }
        try (Secrets s = Secrets.builder().autoDiscovery(false).environment(Map.of()).frameworkProfile("staging").build()) {
            assertThat(s.profile()).isEqualTo(Profile.STAGING);
        }
    }

    @Test
    void aForbiddenSchemeIsDeniedInItsProfileOnlyAndFallbacksStillWork() throws Exception {
        FakeProvider dotenv = new FakeProvider("fake-dotenv", "dotenv", 0).with("KEY", "from-file");
        try (Secrets prod = isolated().addProvider(dotenv).profile(Profile.PRODUCTION)
                .forbidSchemes(Profile.PRODUCTION, "dotenv").build()) {
            assertThatThrownBy(() -> prod.resolve("dotenv:KEY"))
                    .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DENIED))
                    .hasMessageContaining("forbidden in the production profile");
            assertThat(prod.resolve("dotenv:KEY || env:GITHUB_TOKEN").revealAsString()).isEqualTo("env-token-value");
        }
        try (Secrets dev = isolated().addProvider(dotenv).profile(Profile.DEVELOPMENT)
                .forbidSchemes(Profile.PRODUCTION, "dotenv").build()) {
            assertThat(dev.resolve("dotenv:KEY").revealAsString()).isEqualTo("from-file");
        }
        assertThat(dotenv.resolveCalls.get()).isEqualTo(1);
    }

    @Test
    void aBatchRefusedAsAWholeIsNotRetriedPerReferenceButFallbacksAreTried() {
        FakeProvider batching = new FakeProvider.Batching("fake-batch", "bt", 0).with("a", "va").with("b", "vb");
        batching.batchFailWith = Reason.RATE_LIMITED;
        try (Secrets secrets = isolated().addProvider(batching).build()) {
            Map<String, Secret> result;
            try {
                result = secrets.resolveAll(Map.of("A", "bt:a || env:GITHUB_TOKEN", "B", "bt:b || env:GITHUB_TOKEN"));
            } catch (SecretException e) {
                throw new AssertionError(e);
            }
            assertThat(result.get("A").revealAsString()).isEqualTo("env-token-value");
            assertThatThrownBy(() -> secrets.resolveAll(Map.of("A", "bt:a", "B", "bt:b")))
                    .isInstanceOfSatisfying(SecretException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED));
        }
        assertThat(batching.resolveCalls.get()).as("no per-reference retry after a refused batch").isZero();
        assertThat(batching.batchCalls.get()).isEqualTo(2);
    }

    @Test
    void availabilitySeesTheBuilderEnvironment() throws Exception {
        FakeProvider needsEnv = new FakeProvider("fake-env-bound", "eb", 0) {
            @Override
            public Availability availability(ResolveContext ctx) {
                return ctx.getenv("GITHUB_TOKEN") != null ? Availability.available("configured")
                        : Availability.unavailable(Reason.UNAVAILABLE, "GITHUB_TOKEN not set");
            }
        }.with("x", "vx");
        try (Secrets secrets = isolated().addProvider(needsEnv).build()) {
            assertThat(secrets.resolve("eb:x").revealAsString()).isEqualTo("vx");
            assertThat(secrets.providers()).filteredOn(s -> s.id().equals("fake-env-bound"))
                    .allSatisfy(s -> assertThat(s.availability().available()).isTrue());
        }
    }

    @Test
    void aClosedInstanceRefusesToResolveAndClosingTwiceClosesProvidersOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
        class ClosingProvider extends FakeProvider implements AutoCloseable {
            ClosingProvider() {
                super("fake-closing", "cl", 0);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        }
        FakeProvider closing = new ClosingProvider().with("x", "vx");
        Secrets secrets = isolated().addProvider(closing).build();
        assertThat(secrets.resolve("cl:x").revealAsString()).isEqualTo("vx");
        secrets.close();
        secrets.close();
        assertThat(closes).hasValue(1);
        assertThatThrownBy(() -> secrets.resolve("cl:x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> secrets.resolveAll(Map.of("X", "cl:x"))).isInstanceOf(IllegalStateException.class);
        assertThat(secrets.profile()).isEqualTo(Profile.DEVELOPMENT);
    }

    @Test
    void anInstanceClosedBeforeItsFirstResolveRefusesToo() {
        Secrets secrets = isolated().build();
        secrets.close();
        assertThatThrownBy(() -> secrets.resolve("env:GITHUB_TOKEN")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(secrets::providers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeDestroysCachedValues() throws Exception {
        Secrets secrets = isolated().build();
        secrets.resolve("env:GITHUB_TOKEN");
        secrets.close();
        assertThat(secrets.toString()).doesNotContain("env-token-value");
    }
}
