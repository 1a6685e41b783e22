package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.keychain.KeychainStore;
import dev.mcpsecrets.keychain.testing.KeyringDaemon;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The ways a real keychain cannot answer: a locked keyring, no session bus, a bus without a Secret
 * Service. Each test starts its own daemons next to the shared one, so locking never touches other tests.
 */
class KeychainUnavailableIT {
    private static final SecretRef REF = SecretRef.of("keychain", "locked-test/alice");

    @Test
    void lockedKeyringGivesLockedNotNotFoundForReadWriteAndDelete() throws Exception {
        RealKeyring.assumeDaemonsInstalled();
        try (KeyringDaemon daemon = KeyringDaemon.start(sibling("keyring-it-locked"));
                KeychainSecretProvider provider = new KeychainSecretProvider();
                KeychainStore store = KeychainStore.open(daemon.environment(), Duration.ofSeconds(5))) {
            daemon.secretToolStore("locked-test", "alice", "value-behind-the-lock");
            assertThat(provider.resolve(REF, context(daemon.environment())).revealAsString())
                    .as("readable while unlocked, on a bus other than the process's")
                    .isEqualTo("value-behind-the-lock");

            daemon.lock();

            assertThatThrownBy(() -> provider.resolve(REF, context(daemon.environment())))
                    .isInstanceOfSatisfying(SecretException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                        assertThat(e.getMessage()).contains("locked").contains("unlock")
                                .doesNotContain("value-behind-the-lock");
                    });
            assertThatThrownBy(() -> store.put(REF, Secret.of("new-value-while-locked")))
                    .isInstanceOfSatisfying(SecretException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                        assertThat(e.getMessage()).doesNotContain("new-value-while-locked");
                    });
            assertThatThrownBy(() -> store.delete(REF))
                    .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED));
            assertThat(settledAvailability(store)).satisfies(a -> {
                assertThat(a.reason()).isEqualTo(Reason.LOCKED);
                assertThat(a.detail()).contains("unlock");
            });
            try (KeychainSecretProvider fresh = new KeychainSecretProvider()) {
                assertThatThrownBy(() -> fresh.resolve(REF, context(daemon.environment())))
                        .as("a fresh provider opening its backend on a locked keyring")
                        .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED));
            }
        }
    }

    @Test
    void noSessionBusGivesHeadlessWithin150Milliseconds() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(SessionBus.ADDRESS_VARIABLE);
        try (KeychainSecretProvider provider = new KeychainSecretProvider()) {
            long start = System.nanoTime();
            SecretException e = catchSecretException(() -> provider.resolve(REF, context(env)));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(e.reason()).isEqualTo(Reason.HEADLESS);
            assertThat(e.getMessage()).contains("DBUS_SESSION_BUS_ADDRESS").contains("dbus-run-session");
            assertThat(millis).as("time to HEADLESS in ms").isLessThanOrEqualTo(150);
        }
    }

    @Test
    void sessionBusSocketThatIsGoneGivesHeadless() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(SessionBus.ADDRESS_VARIABLE, "unix:path=" + sibling("no-such-dir").resolve("bus"));
        try (KeychainSecretProvider provider = new KeychainSecretProvider()) {
            SecretException e = catchSecretException(() -> provider.resolve(REF, context(env)));

            assertThat(e.reason()).isEqualTo(Reason.HEADLESS);
            assertThat(e.getMessage()).contains("does not exist");
        }
    }

    @Test
    void busWithoutSecretServiceGivesUnavailable() throws Exception {
        RealKeyring.assumeDaemonsInstalled();
        try (KeyringDaemon bus = KeyringDaemon.startBareBus(sibling("keyring-it-bare"));
                KeychainSecretProvider provider = new KeychainSecretProvider()) {
            SecretException e = catchSecretException(() -> provider.resolve(REF, context(bus.environment())));

            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.getMessage()).contains("no Secret Service").contains("gnome-keyring-daemon");
            try (KeychainStore store = KeychainStore.open(bus.environment(), Duration.ofSeconds(5))) {
                assertThat(settledAvailability(store).reason()).isEqualTo(Reason.UNAVAILABLE);
            }
        }
    }

    @Test
    void busThatNeverAnswersGivesTimeoutAtTheDeadline() throws Exception {
        Path dir = sibling("keyring-it-silent");
        Files.createDirectories(dir);
        Path socket = dir.resolve("bus");
        Files.deleteIfExists(socket);
        List<SocketChannel> held = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                KeychainSecretProvider provider = new KeychainSecretProvider()) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(server.accept());
                    }
                } catch (IOException closed) {
                    // the server closed at the end of the test
                }
            }, "silent-bus");
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put(SessionBus.ADDRESS_VARIABLE, "unix:path=" + socket);
            env.put(CallTimeout.VARIABLE, "300ms");

            long start = System.nanoTime();
            SecretException e = catchSecretException(() -> provider.resolve(REF, context(env)));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("300 ms");
            assertThat(millis).as("returned at the deadline, not after the library's own timeouts")
                    .isBetween(300L, 2_000L);
        } finally {
            for (SocketChannel channel : held) {
                channel.close();
            }
        }
    }

    /**
     * availability() waits 100 ms for its bus check and keeps the answer; a cold JVM may need a second
     * call to see it.
     */
    private static Availability settledAvailability(KeychainStore store) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Availability availability = store.availability();
        while (availability.available() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            availability = store.availability();
        }
        return availability;
    }

    private static Path sibling(String name) {
        return RealKeyring.baseDirectory().resolveSibling(name);
    }

    private static ResolveContext context(Map<String, String> env) {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(5), env);
    }

    private interface Call {
        void run() throws SecretException;
    }

    private static SecretException catchSecretException(Call call) {
        try {
            call.run();
        } catch (SecretException e) {
            return e;
        }
        throw new AssertionError("expected a SecretException");
    }
}
