package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link PlaintextSecretCheck}. */
class PlaintextSecretCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new PlaintextSecretCheck();
    }
}
