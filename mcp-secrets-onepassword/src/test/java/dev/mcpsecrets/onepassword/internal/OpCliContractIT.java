package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.onepassword.testing.FakeOp;
import java.util.Map;

/** The provider contract for {@code mcp-op-cli}, against the fake op program. */
class OpCliContractIT extends OpProviderContract {
    private static final FakeOp FAKE = FakeOp.install()
            .with("op://Private/GitHub/token", VALUE)
            .with("op://Private/GitHub/Admin/user", ADMIN_USER);

    @Override
    Map<String, String> environment() {
        return FAKE.environment();
    }

    @Override
    protected SecretProvider createProvider() {
        return new OpCliProvider(environment());
    }
}
