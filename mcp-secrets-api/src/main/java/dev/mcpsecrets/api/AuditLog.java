package dev.mcpsecrets.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit events on the {@code dev.mcpsecrets.audit} logger: reference, provider, outcome, time.
 * Never a value: the methods take no value to log.
 */
final class AuditLog {
    /** The logger name users route or silence. */
    public static final String LOGGER_NAME = "dev.mcpsecrets.audit";

    /** Created on first use, so building a {@code Secrets} instance does not start SLF4J. */
    private static final class Holder {
        static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    }

    /**
     * A secret was delivered.
     *
     * @param ref the reference
     * @param providerId who delivered it
     * @param cached whether it came from the cache
     * @param nanos how long it took
     */
    public void resolved(SecretRef ref, String providerId, boolean cached, long nanos) {
        if (cached) {
            if (Holder.LOG.isDebugEnabled()) {
                Holder.LOG.debug("resolve ref={} provider={} outcome=ok cached=true micros={}", ref, providerId, nanos / 1000);
            }
        } else if (Holder.LOG.isInfoEnabled()) {
            Holder.LOG.info("resolve ref={} provider={} outcome=ok cached=false micros={}", ref, providerId, nanos / 1000);
        }
    }

    /**
     * A provider could not deliver.
     *
     * @param ref the reference
     * @param providerId the provider
     * @param reason why
     * @param nanos how long it took
     */
    public void failed(SecretRef ref, String providerId, Reason reason, long nanos) {
        if (Holder.LOG.isInfoEnabled()) {
            // a reference its provider found malformed may be a pasted value: logged by scheme and length
            Object shown = reason == Reason.MALFORMED
                    ? "'" + ref.scheme() + ":' " + MalformedRefException.notShown(ref.format().length()) : ref;
            Holder.LOG.info("resolve ref={} provider={} outcome={} micros={}", shown, providerId, reason, nanos / 1000);
        }
    }
}
