package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link UnresolvedReferenceCheck}. */
class UnresolvedReferenceCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new UnresolvedReferenceCheck();
    }
}
