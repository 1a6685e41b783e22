package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;

/**
 * Loads java-keyring only when a backend is first opened, so that constructing the provider touches
 * none of its classes, and a class path without java-keyring (or JNA, dbus-java) gives a clear
 * UNAVAILABLE instead of a NoClassDefFoundError from the constructor.
 */
final class DeferredFactory implements BackendFactory {
    @Override
    public Backend open(Target target) throws SecretException {
        try {
            return new JavaKeyringFactory().open(target);
        } catch (LinkageError e) {
            throw new SecretException(Reason.UNAVAILABLE, null, "java-keyring or one of its libraries (JNA, "
                    + "dbus-java, secret-service) is missing from the class path (" + e.getMessage() + ")", e);
        }
    }
}
