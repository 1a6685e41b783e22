package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.io.IOException;
import java.util.Arrays;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;

/**
 * Asks the Secret Service, on its own D-Bus connection, what java-keyring cannot tell: whether the
 * service exists and whether the default collection is locked. java-keyring answers a locked
 * collection with an unlock prompt (up to two minutes on a desktop), then a NullPointerException or
 * "not found"; asking first turns that into {@link Reason#LOCKED} at the cost of one round trip.
 */
final class SecretServiceProbe implements AutoCloseable {
    static final String SERVICE = "org.freedesktop.secrets";
    static final String DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default";
    private static final String COLLECTION_INTERFACE = "org.freedesktop.Secret.Collection";

    private final DBusConnection connection;
    private final Properties defaultCollection;

    private SecretServiceProbe(DBusConnection connection, Properties defaultCollection) {
        this.connection = connection;
        this.defaultCollection = defaultCollection;
    }

    /**
     * Connects to the bus and checks that a Secret Service is running or can be started on it.
     *
     * @param address the session bus address
     * @return the probe
     * @throws SecretException HEADLESS when the bus cannot be reached, UNAVAILABLE without a Secret Service
     */
    static SecretServiceProbe connect(String address) throws SecretException {
        DBusConnection connection;
        try {
            connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            throw new SecretException(Reason.HEADLESS, null, "cannot connect to the D-Bus session bus at "
                    + address + "; start a session bus (dbus-run-session -- COMMAND) or fix "
                    + SessionBus.ADDRESS_VARIABLE, e);
        }
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!bus.NameHasOwner(SERVICE) && !Arrays.asList(bus.ListActivatableNames()).contains(SERVICE)) {
                throw new SecretException(Reason.UNAVAILABLE, null, "no Secret Service on the D-Bus session "
                        + "bus; install and start one (gnome-keyring-daemon --start --components=secrets, "
                        + "KeePassXC or KWallet with Secret Service enabled)");
            }
            Properties collection = connection.getRemoteObject(SERVICE, DEFAULT_COLLECTION, Properties.class);
            return new SecretServiceProbe(connection, collection);
        } catch (DBusException | RuntimeException | SecretException e) {
            closeQuietly(connection);
            if (e instanceof SecretException secretException) {
                throw secretException;
            }
            throw new SecretException(Reason.UNAVAILABLE, null, "the D-Bus session bus at " + address
                    + " did not answer as expected (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Fails with LOCKED when the default collection is locked.
     *
     * @throws SecretException LOCKED, or UNAVAILABLE when there is no default collection
     */
    void requireUnlocked() throws SecretException {
        Object locked;
        try {
            locked = defaultCollection.Get(COLLECTION_INTERFACE, "Locked");
        } catch (DBusExecutionException e) {
            throw new SecretException(Reason.UNAVAILABLE, null, "the Secret Service has no default keyring ("
                    + e.getType() + "); create one, e.g. by logging in to a desktop session once or with "
                    + "gnome-keyring-daemon --unlock", e);
        }
        if (Boolean.TRUE.equals(locked)) {
            throw new SecretException(Reason.LOCKED, null, lockedSentence());
        }
    }

    static String lockedSentence() {
        return "the default keyring is locked; unlock it (log in to the desktop session, open \"Passwords "
                + "and Keys\", or start gnome-keyring-daemon with --unlock) and try again";
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(DBusConnection connection) {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the connection is discarded either way
        }
    }
}
