/**
 * Writing and removing password-store entries ({@link dev.mcpsecrets.pass.PassStore}); reading them is the
 * {@code pass:} provider's job, found through {@code Secrets}.
 */
package dev.mcpsecrets.pass;
