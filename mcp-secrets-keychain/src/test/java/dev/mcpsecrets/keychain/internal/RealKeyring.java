package dev.mcpsecrets.keychain.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import dev.mcpsecrets.keychain.testing.KeyringDaemon;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * The one {@link KeyringDaemon} of the test run, started on first use at the bus the failsafe JVM's
 * {@code DBUS_SESSION_BUS_ADDRESS} names ({@code KEYCHAIN_IT_DIR/bus}) and stopped when the JVM exits.
 * A static holder rather than a JUnit extension, so jqwik properties see the same daemon.
 */
final class RealKeyring {
    private static final List<AutoCloseable> CLOSE_AT_END = new CopyOnWriteArrayList<>();
    private static KeyringDaemon shared;

    private RealKeyring() {
    }

    /** The shared daemon, started if needed. */
    static synchronized KeyringDaemon daemon() {
        if (shared == null) {
            assumeDaemonsInstalled();
            try {
                shared = KeyringDaemon.start(baseDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test keyring", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test keyring", e);
            }
            KeyringDaemon started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (AutoCloseable resource : CLOSE_AT_END) {
                    try {
                        resource.close();
                    } catch (Exception ignored) {
                        // the daemon stops next either way
                    }
                }
                started.close();
            }, "keyring-it-stop"));
        }
        return shared;
    }

    /**
     * Registers a resource to close before the shared daemon stops, so that no D-Bus connection sees its
     * bus vanish.
     *
     * @param resource the resource
     * @param <T> its type
     * @return the resource
     */
    static <T extends AutoCloseable> T closeAtEnd(T resource) {
        CLOSE_AT_END.add(resource);
        return resource;
    }

    /**
     * Skips the calling test when the daemons are not installed, outside CI; in CI ({@code CI=true}), where
     * {@code .ci/run} installs them, their absence fails the test.
     */
    static void assumeDaemonsInstalled() {
        KeyringDaemon.missingProgram().ifPresent(missing -> {
            if (inCi()) {
                throw new IllegalStateException(missing + "; CI=true, so the keychain tests must run");
            }
            Assumptions.abort(missing);
        });
    }

    /**
     * Why the keychain tests are skipped: a missing program, outside CI only.
     *
     * @return the reason, or empty when the tests run (daemons installed, or in CI where their absence fails)
     */
    static Optional<String> missingOutsideCi() {
        return inCi() ? Optional.empty() : KeyringDaemon.missingProgram().map(m -> "skipped outside CI: " + m);
    }

    private static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The directory of the run's shared daemon; secondary daemons go next to it. */
    static Path baseDirectory() {
        String dir = System.getenv("KEYCHAIN_IT_DIR");
        return (dir == null ? Path.of("target", "keyring-it") : Path.of(dir)).toAbsolutePath();
    }
}
