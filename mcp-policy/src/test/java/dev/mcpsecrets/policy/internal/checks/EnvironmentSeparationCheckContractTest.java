package dev.mcpsecrets.policy.internal.checks;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link EnvironmentSeparationCheck}. */
class EnvironmentSeparationCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new EnvironmentSeparationCheck();
    }
}
