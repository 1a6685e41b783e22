/**
 * Writing and deleting OS keychain items ({@link dev.mcpsecrets.keychain.KeychainStore}); reading them is
 * the {@code keychain:} provider's job, found through {@code Secrets}.
 */
package dev.mcpsecrets.keychain;
