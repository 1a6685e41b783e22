import dev.mcpsecrets.policy.PolicyCheck;

/**
 * The policy engine: {@link dev.mcpsecrets.policy.engine.PolicyEngine} runs the discovered
 * {@link PolicyCheck}s with a deadline each, applies suppressions and baselines and renders reports;
 * {@link dev.mcpsecrets.policy.engine.PolicyGuard} is the one-line startup call.
 */
module dev.mcpsecrets.policy.engine {
    requires transitive dev.mcpsecrets.policy.spi;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.mcpsecrets.policy.engine;

    uses PolicyCheck;
}
