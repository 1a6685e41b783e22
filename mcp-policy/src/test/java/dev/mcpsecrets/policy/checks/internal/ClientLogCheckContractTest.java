package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.PolicyCheck;

/** The policy TCK contract for {@link ClientLogCheck} (the bad home has a Claude Desktop log with a token). */
class ClientLogCheckContractTest extends OfflineCheckContract {
    @Override
    protected PolicyCheck createCheck() {
        return new ClientLogCheck();
    }
}
