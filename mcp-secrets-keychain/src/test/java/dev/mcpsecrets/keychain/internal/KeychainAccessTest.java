package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline, sharing and closing rules of {@link KeychainAccess}, on an in-memory backend whose calls
 * can be made to hang (the real keychain is covered by the *IT tests).
 */
class KeychainAccessTest {
    private static final KeychainItem ITEM = new KeychainItem("svc", "acct");
    private static final Map<String, String> NO_ENV = Map.of();

    private final List<FakeBackend> opened = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    @AfterEach
    void releaseHungCalls() {
        release.countDown();
    }

    @Test
    void backendIsOpenedOnFirstUseAndSharedByConcurrentCalls() throws Exception {
        try (KeychainAccess access = access(Duration.ofMinutes(1))) {
            assertThat(opened).as("nothing opened by construction").isEmpty();
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                List<Future<char[]>> reads = new java.util.ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    reads.add(pool.submit(() -> access.read(ITEM, "keychain:svc/acct", NO_ENV, Duration.ofSeconds(5))));
                }
                for (Future<char[]> read : reads) {
                    assertThat(read.get(10, TimeUnit.SECONDS)).containsExactly('v');
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(opened).hasSize(1);
            assertThat(opened.get(0).reads.get()).isEqualTo(32);
        }
    }

    @Test
    void hungCallGivesTimeoutAtTheDeadlineAndTheNextCallGetsAFreshBackend() throws Exception {
        try (KeychainAccess access = access(Duration.ofMinutes(1))) {
            access.read(ITEM, "keychain:svc/acct", NO_ENV, Duration.ofSeconds(5));
            hang = true;

            long start = System.nanoTime();
            assertThatThrownBy(() -> access.read(ITEM, "keychain:svc/acct", NO_ENV, Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(SecretException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                        assertThat(e.getMessage()).contains("200 ms").contains(CallTimeout.VARIABLE);
                        assertThat(e.reference()).contains("keychain:svc/acct");
                    });
            // a bound that only a hang exceeds, not a speed test: the build machine may be heavily loaded
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));

            hang = false;
            assertThat(access.read(ITEM, "keychain:svc/acct", NO_ENV, Duration.ofSeconds(5))).containsExactly('v');
            assertThat(opened).hasSize(2);
            assertThat(opened.get(0).closed.await(5, TimeUnit.SECONDS)).as("stuck backend closed").isTrue();
        }
    }

    @Test
    void failuresKeepTheirReasonAndGainTheReference() {
        try (KeychainAccess access = new KeychainAccess(Platform.MACOS, target -> {
            throw new SecretException(Reason.LOCKED, null, "locked for the test");
        }, Duration.ofMinutes(1))) {
            assertThatThrownBy(() -> access.read(ITEM, "keychain:svc", NO_ENV, Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(SecretException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                        assertThat(e.reference()).contains("keychain:svc");
                    });
        }
    }

    @Test
    void closeClosesTheBackendAndLaterCallsAreUnavailable() throws Exception {
        KeychainAccess access = access(Duration.ofMinutes(1));
        access.write(ITEM, new char[] {'x'}, NO_ENV, Duration.ofSeconds(5));

        access.close();

        assertThat(opened.get(0).closed.getCount()).isZero();
        assertThatThrownBy(() -> access.delete(ITEM, NO_ENV, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void idleBackendIsClosedSoItsThreadsCannotKeepTheJvmAlive() throws Exception {
        try (KeychainAccess access = access(Duration.ofMillis(100))) {
            access.read(ITEM, "keychain:svc/acct", NO_ENV, Duration.ofSeconds(5));

            assertThat(opened.get(0).closed.await(5, TimeUnit.SECONDS)).isTrue();
            access.read(ITEM, "keychain:svc/acct", NO_ENV, Duration.ofSeconds(5));
            assertThat(opened).as("reopened on the next call").hasSize(2);
        }
    }

    @Test
    void noSessionBusIsHeadlessWithoutOpeningAnything() {
        try (KeychainAccess access = new KeychainAccess(Platform.SECRET_SERVICE, this::open, Duration.ofMinutes(1))) {
            Availability availability = access.availability(Map.of("DBUS_SESSION_BUS_ADDRESS", ""));
            assertThat(availability.available()).isFalse();
            assertThat(availability.reason()).isEqualTo(Reason.HEADLESS);
            assertThat(availability.detail()).contains("dbus-run-session");
            assertThat(opened).isEmpty();
        }
    }

    @Test
    void unsupportedPlatformIsUnavailable() {
        try (KeychainAccess access = new KeychainAccess(Platform.UNSUPPORTED, this::open, Duration.ofMinutes(1))) {
            assertThat(access.availability(NO_ENV).reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThatThrownBy(() -> access.read(ITEM, "keychain:svc", NO_ENV, Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.getMessage()).contains("env:"));
        }
    }

    private KeychainAccess access(Duration idleClose) {
        return new KeychainAccess(Platform.WINDOWS, this::open, idleClose);
    }

    private Backend open(Target target) {
        FakeBackend backend = new FakeBackend();
        opened.add(backend);
        return backend;
    }

    private final class FakeBackend implements Backend {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public char[] read(KeychainItem item) {
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reads.incrementAndGet();
            return new char[] {'v'};
        }

        @Override
        public void write(KeychainItem item, char[] value) {
            reads.get();
        }

        @Override
        public boolean delete(KeychainItem item) {
            return true;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
