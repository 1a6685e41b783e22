package dev.mcpsecrets.keychain.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one {@link KeyringDaemon} of the test run, started on first use at the bus the failsafe JVM's
 * {@code DBUS_SESSION_BUS_ADDRESS} names ({@code KEYCHAIN_IT_DIR/bus}) and stopped when the JVM exits.
 * A static holder rather than a JUnit extension, so jqwik properties see the same daemon.
 */
final class RealKeyring {
    private static KeyringDaemon shared;

    private RealKeyring() {
    }

    /** The shared daemon, started if needed (skips or fails like {@link KeyringDaemon#start}). */
    static synchronized KeyringDaemon daemon() {
        if (shared == null) {
            try {
                shared = KeyringDaemon.start(baseDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test keyring", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test keyring", e);
            }
            KeyringDaemon started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keyring-it-stop"));
        }
        return shared;
    }

    /** The directory of the run's shared daemon; secondary daemons go next to it. */
    static Path baseDirectory() {
        String dir = System.getenv("KEYCHAIN_IT_DIR");
        return (dir == null ? Path.of("target", "keyring-it") : Path.of(dir)).toAbsolutePath();
    }
}
