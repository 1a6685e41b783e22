package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.SecretException;

/** Opens a {@link Backend} for a target (a bus address, or the platform's single keychain). */
@FunctionalInterface
interface BackendFactory {
    /**
     * Opens a connection; may block, so it runs under the caller's deadline.
     *
     * @param target what to connect to
     * @return the open backend
     * @throws SecretException HEADLESS, UNAVAILABLE or LOCKED, with a sentence on how to fix it
     */
    Backend open(Target target) throws SecretException;
}
