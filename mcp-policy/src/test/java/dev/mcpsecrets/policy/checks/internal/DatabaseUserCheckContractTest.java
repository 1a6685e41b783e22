package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link DatabaseUserCheck}. */
class DatabaseUserCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new DatabaseUserCheck();
    }
}
