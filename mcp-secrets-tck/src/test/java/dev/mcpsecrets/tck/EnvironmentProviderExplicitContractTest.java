package dev.mcpsecrets.tck;

import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.SecretProvider;

/**
 * The provider as embedders that turn discovery off add it, from {@link BuiltInProviders}. That class
 * is not itself registered: discovery finds the registration {@link EnvironmentProviderContractTest} checks.
 */
class EnvironmentProviderExplicitContractTest extends EnvironmentProviderContractTest {
    @Override
    protected SecretProvider createProvider() {
        return BuiltInProviders.environment();
    }

    @Override
    protected boolean expectDiscoverable() {
        return false;
    }
}
