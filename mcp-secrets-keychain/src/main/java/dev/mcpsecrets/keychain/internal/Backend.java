package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.SecretException;

/**
 * One open connection to the OS keychain. Calls may block (D-Bus round trips, unlock prompts), so
 * {@link KeychainAccess} runs them on its own threads under a deadline.
 */
interface Backend extends AutoCloseable {
    /**
     * Reads an item's value.
     *
     * @param item the item
     * @return a fresh array holding the value; the caller zeroes it
     * @throws SecretException NOT_FOUND, LOCKED, DENIED or UNAVAILABLE
     */
    char[] read(KeychainItem item) throws SecretException;

    /**
     * Creates or replaces an item.
     *
     * @param item the item
     * @param value the value (not retained)
     * @throws SecretException LOCKED, DENIED or UNAVAILABLE
     */
    void write(KeychainItem item, char[] value) throws SecretException;

    /**
     * Deletes an item.
     *
     * @param item the item
     * @return true if it existed
     * @throws SecretException LOCKED, DENIED or UNAVAILABLE
     */
    boolean delete(KeychainItem item) throws SecretException;

    /** Releases the connection; never throws. */
    @Override
    void close();
}
