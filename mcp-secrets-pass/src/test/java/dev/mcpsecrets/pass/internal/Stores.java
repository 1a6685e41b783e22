package dev.mcpsecrets.pass.internal;

import dev.mcpsecrets.pass.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Assumptions;

/**
 * Test stores for the integration tests. Outside CI the tests skip when pass or gpg is missing; in CI
 * ({@code CI=true}), where {@code .ci/run} installs them, their absence fails the test.
 */
final class Stores {
    private Stores() {
    }

    static void assumeInstalled() {
        TestStore.missingProgram().ifPresent(missing -> {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing);
        });
    }

    static TestStore create() {
        assumeInstalled();
        try {
            return TestStore.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test password store", e);
        }
    }

    static TestStore createLocked() {
        assumeInstalled();
        try {
            return TestStore.createLocked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the locked test password store", e);
        }
    }
}
