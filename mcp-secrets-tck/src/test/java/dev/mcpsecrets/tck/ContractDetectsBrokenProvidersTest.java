package dev.mcpsecrets.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.BatchingSecretProvider;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The contract must fail for providers that break it; otherwise it proves nothing. */
class ContractDetectsBrokenProvidersTest {
    private static final String VALUE = "leaky-secret-value-42";

    /** Logs the value, puts it in its not-found message, and answers NOT_FOUND as DENIED for one ref. */
    static final class BrokenProvider implements SecretProvider {
        private final boolean leakInLog;

        BrokenProvider(boolean leakInLog) {
            this.leakInLog = leakInLog;
        }

        @Override
        public String id() {
            return "tck-broken";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("broken");
        }

        @Override
        public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
            if (ref.body().equals("present")) {
                if (leakInLog) {
                    LoggerFactory.getLogger(BrokenProvider.class).info("resolved value {}", VALUE);
                }
                return Secret.of(VALUE);
            }
            if (ref.body().equals("absent")) {
                throw new SecretException(Reason.DENIED, ref.format(), "denied");
            }
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "nothing like " + VALUE);
        }
    }

    /** Resolves alone correctly, but its batch answers a missing reference with a value. */
    static final class BatchInventsValues implements BatchingSecretProvider {
        @Override
        public String id() {
            return "tck-batch-broken";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("broken");
        }

        @Override
        public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
            if (ref.body().equals("present")) {
                return Secret.of(VALUE);
            }
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "no such reference");
        }

        @Override
        public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) {
            Map<SecretRef, Secret> out = new LinkedHashMap<>();
            for (SecretRef ref : refs) {
                out.put(ref, Secret.of(VALUE));
            }
            return out;
        }
    }

    static class Contract extends SecretProviderContract {
        private final boolean leakInLog;

        private final boolean batchInventsValues;

        Contract(boolean leakInLog) {
            this(leakInLog, false);
        }

        Contract(boolean leakInLog, boolean batchInventsValues) {
            this.leakInLog = leakInLog;
            this.batchInventsValues = batchInventsValues;
        }

        @Override
        protected SecretProvider createProvider() {
            return batchInventsValues ? new BatchInventsValues() : new BrokenProvider(leakInLog);
        }

        @Override
        protected SecretRef existingRef() {
            return SecretRef.of("broken", "present");
        }

        @Override
        protected String expectedValue() {
            return VALUE;
        }

        @Override
        protected SecretRef missingRef() {
            return SecretRef.of("broken", "absent");
        }
    }

    @Test
    void wrongReasonForMissingReferenceFails() {
        assertThatThrownBy(() -> new Contract(false).missingReferenceIsNotFound())
                .isInstanceOf(AssertionError.class).hasMessageContaining("NOT_FOUND");
    }

    @Test
    void valueInLogFails() {
        assertThatThrownBy(() -> new Contract(true).valueNeverAppearsInMessagesToStringOrLogs())
                .isInstanceOf(AssertionError.class).hasMessageContaining("leaked");
    }

    @Test
    void valueInExceptionMessageFails() {
        assertThatThrownBy(() -> new Contract(false).arbitraryReferencesFailCleanly("other"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("leaked");
    }

    @Test
    void unregisteredProviderFailsDiscovery() {
        assertThatThrownBy(() -> new Contract(false).isDiscoverableWithServiceLoader())
                .isInstanceOf(AssertionError.class).hasMessageContaining("META-INF/services");
    }

    @Test
    void batchThatAnswersAMissingReferenceFails() {
        assertThatThrownBy(() -> new Contract(false, true).aBatchGivesWhatResolveGives())
                .isInstanceOf(AssertionError.class).hasMessageContaining("leave out");
    }

    @Test
    void batchTestIsSkippedForAProviderThatDoesNotBatch() {
        assertThatThrownBy(() -> new Contract(false).aBatchGivesWhatResolveGives())
                .isInstanceOf(org.opentest4j.TestAbortedException.class).hasMessageContaining("does not batch");
    }
}
