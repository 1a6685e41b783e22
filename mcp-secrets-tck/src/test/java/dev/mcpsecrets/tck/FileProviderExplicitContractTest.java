package dev.mcpsecrets.tck;

import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.SecretProvider;

/**
 * The provider as embedders that turn discovery off add it, from {@link BuiltInProviders}. That class
 * is not itself registered: discovery finds the registration {@link FileProviderContractTest} checks.
 */
class FileProviderExplicitContractTest extends FileProviderContractTest {
    @Override
    protected SecretProvider createProvider() {
        return BuiltInProviders.files();
    }

    @Override
    protected boolean expectDiscoverable() {
        return false;
    }
}
