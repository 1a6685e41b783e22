package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link FilesystemScopeCheck}. */
class FilesystemScopeCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new FilesystemScopeCheck();
    }
}
