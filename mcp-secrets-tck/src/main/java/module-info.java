/**
 * The contract tests every mcp-secrets provider and policy check passes, with a log-capturing SLF4J binding for the
 * no-leak checks.
 */
module dev.mcpsecrets.tck {
    requires transitive dev.mcpsecrets.api;
    requires transitive dev.mcpsecrets.policy.spi;
    requires org.assertj.core;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;

    exports dev.mcpsecrets.tck;
    exports dev.mcpsecrets.tck.policy;

    provides org.slf4j.spi.SLF4JServiceProvider with dev.mcpsecrets.tck.internal.CapturingServiceProvider;
}
