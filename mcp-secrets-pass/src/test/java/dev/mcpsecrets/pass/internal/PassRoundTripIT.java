package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.pass.PassStore;
import dev.mcpsecrets.pass.testing.TestStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Writing with PassStore and reading with the provider, against real pass and gpg, both ways compatible with pass itself. */
class PassRoundTripIT {
    private static TestStore store;
    private static PassStore writer;
    private final PassSecretProvider provider = new PassSecretProvider();

    @BeforeAll
    static void createStore() {
        store = Stores.create();
        writer = PassStore.open(store.environment(), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopTheAgent() {
        if (store != null) {
            store.close();
        }
    }

    private static ResolveContext ctx() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(20), store.environment());
    }

    private String read(String ref) throws SecretException {
        Secret s = provider.resolve(SecretRef.parse(ref), ctx());
        try {
            return s.revealAsString();
        } finally {
            s.destroy();
        }
    }

    private SecretException failure(String ref) {
        return org.junit.jupiter.api.Assertions.assertThrows(SecretException.class, () -> read(ref));
    }

    @Test
    void aValuePutIsReadBackAndPassShowsTheSame() throws Exception {
        writer.put("rt/simple", Secret.of("s1mple-Value"), false);
        assertThat(read("pass:rt/simple")).isEqualTo("s1mple-Value");
        assertThat(store.show("rt/simple")).isEqualTo("s1mple-Value\n");
        assertThat(writer.exists("rt/simple")).isTrue();
    }

    @Test
    void multiLineEntriesGiveLinesAndFields() throws Exception {
        writer.put("rt/db", Secret.of("pw-line-one\nuser: app_rw\nURL: postgres://db:5432/app\nnote\n"), false);
        assertThat(read("pass:rt/db")).isEqualTo("pw-line-one");
        assertThat(read("pass:rt/db#user")).isEqualTo("app_rw");
        assertThat(read("pass:rt/db#url")).isEqualTo("postgres://db:5432/app");
        assertThat(read("pass:rt/db#line=4")).isEqualTo("note");
        assertThat(failure("pass:rt/db#line=5").reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure("pass:rt/db#password").reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void entriesWrittenByPassAreRead() throws Exception {
        store.insert("team/api", "tok-from-pass\r\nlogin: ops\n");
        assertThat(read("pass:team/api")).isEqualTo("tok-from-pass");
        assertThat(read("pass:team/api#login")).isEqualTo("ops");
    }

    @Test
    void unicodeNamesAndValuesSurvive() throws Exception {
        writer.put("équipe/clé-密钥", Secret.of("пароль-密码-🔑\nпользователь: ёлка\n"), false);
        assertThat(read("pass:équipe/clé-密钥")).isEqualTo("пароль-密码-🔑");
        assertThat(read("pass:équipe/clé-密钥#Пользователь")).isEqualTo("ёлка");
        assertThat(store.show("équipe/clé-密钥")).startsWith("пароль-密码-🔑\n");
    }

    @Test
    void anExistingEntryIsNotReplacedUnlessAsked() throws Exception {
        writer.put("rt/keep", Secret.of("original-1"), false);
        assertThatThrownBy(() -> writer.put("rt/keep", Secret.of("replacement-2"), false))
                .isInstanceOf(SecretException.class)
                .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.DENIED))
                .hasMessageNotContaining("replacement-2");
        assertThat(read("pass:rt/keep")).isEqualTo("original-1");
        writer.put("rt/keep", Secret.of("replacement-2"), true);
        assertThat(read("pass:rt/keep")).isEqualTo("replacement-2");
    }

    @Test
    void removeDeletesTheEntryAndSaysWhetherThereWasOne() throws Exception {
        writer.put("rt/gone", Secret.of("short-lived"), false);
        assertThat(writer.remove("rt/gone")).isTrue();
        assertThat(writer.remove("rt/gone")).isFalse();
        assertThat(Files.exists(store.storeDir().resolve("rt/gone.gpg"))).isFalse();
        assertThat(failure("pass:rt/gone").reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void badNamesAreRefusedBeforePassRuns() {
        for (String bad : List.of("../x", "/abs", "-f", "a//b", "a#b")) {
            assertThatThrownBy(() -> writer.put(bad, Secret.of("value-123"), true)).isInstanceOf(SecretException.class)
                    .satisfies(e -> assertThat(((SecretException) e).reason()).isEqualTo(Reason.MALFORMED));
        }
        assertThat(store.storeDir().getParent().resolve("x.gpg")).doesNotExist();
    }

    @Test
    void sixteenThreadsResolveAtOnce() throws Exception {
        int threads = 16;
        for (int i = 0; i < threads; i++) {
            store.insert("par/e" + i, "value-" + i + "-xyz\nuser: u" + i + "\n");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String ref = "pass:par/e" + i + (i % 2 == 0 ? "" : "#user");
                tasks.add(() -> read(ref));
            }
            List<Future<String>> results = pool.invokeAll(tasks, 60, TimeUnit.SECONDS);
            for (int i = 0; i < threads; i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "value-" + i + "-xyz" : "u" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFacadeFallsBackWhenTheEntryIsMissing() throws Exception {
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(provider)
                .environment(store.environment()).build()) {
            SecretException e = org.junit.jupiter.api.Assertions.assertThrows(SecretException.class,
                    () -> secrets.resolve("pass:nope/a || pass:nope/b"));
            assertThat(e.getMessage()).contains("pass:nope/a").contains("pass:nope/b").contains("NOT_FOUND");
        }
    }
}
