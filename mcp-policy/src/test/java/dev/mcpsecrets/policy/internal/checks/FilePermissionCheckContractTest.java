package dev.mcpsecrets.policy.internal.checks;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link FilePermissionCheck}. */
class FilePermissionCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new FilePermissionCheck();
    }
}
