package dev.mcpsecrets.keychain.internal;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;

/** Opens java-keyring on the backend the platform calls for, never by trial of every backend. */
final class JavaKeyringFactory implements BackendFactory {
    /** Serialises the brief switch of the bus address property below. */
    private static final Object ADDRESS_SWITCH = new Object();

    @Override
    public Backend open(Target target) throws SecretException {
        switch (target.platform()) {
            case SECRET_SERVICE:
                return openSecretService(target.busAddress());
            case MACOS:
                return new JavaKeyringBackend(create(KeyringStorageType.OSX_KEYCHAIN, target.platform()),
                        target.platform(), null);
            case WINDOWS:
                return new JavaKeyringBackend(create(KeyringStorageType.WINDOWS_CREDENTIAL_STORE,
                        target.platform()), target.platform(), null);
            default:
                throw new SecretException(Reason.UNAVAILABLE, null, unsupportedSentence());
        }
    }

    static String unsupportedSentence() {
        return "no keychain is supported on " + System.getProperty("os.name") + "; use env: or file: references";
    }

    private static Backend openSecretService(String address) throws SecretException {
        SecretServiceProbe probe = SecretServiceProbe.connect(address);
        try {
            // java-keyring raises an unlock prompt while opening a locked collection: check first
            probe.requireUnlocked();
            return new JavaKeyringBackend(createOnBus(address), Platform.SECRET_SERVICE, probe);
        } catch (SecretException | RuntimeException e) {
            probe.close();
            throw e;
        }
    }

    /**
     * java-keyring connects to whatever bus dbus-java resolves: the {@code DBUS_SESSION_BUS_ADDRESS}
     * system property first, then the process environment. When the caller's environment names another
     * bus, the property points there for the duration of the connect and is restored at once.
     */
    private static Keyring createOnBus(String address) throws SecretException {
        String name = SessionBus.ADDRESS_VARIABLE;
        synchronized (ADDRESS_SWITCH) {
            String previous = System.getProperty(name);
            String resolved = previous != null ? previous : System.getenv(name);
            boolean switchBus = !address.equals(resolved);
            if (switchBus) {
                System.setProperty(name, address);
            }
            try {
                return create(KeyringStorageType.GNOME_KEYRING, Platform.SECRET_SERVICE);
            } finally {
                if (switchBus) {
                    if (previous == null) {
                        System.clearProperty(name);
                    } else {
                        System.setProperty(name, previous);
                    }
                }
            }
        }
    }

    private static Keyring create(KeyringStorageType type, Platform platform) throws SecretException {
        try {
            return Keyring.create(type);
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            throw new SecretException(Reason.UNAVAILABLE, null, "cannot open the " + platform.displayName()
                    + " (" + e.getClass().getSimpleName() + "); check that it is installed and running", e);
        }
    }
}
