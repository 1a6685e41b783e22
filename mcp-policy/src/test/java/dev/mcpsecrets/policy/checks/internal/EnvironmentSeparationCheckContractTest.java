package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.checks.dotenv.internal.EnvironmentSeparationCheck;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link EnvironmentSeparationCheck}. */
class EnvironmentSeparationCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new EnvironmentSeparationCheck();
    }
}
