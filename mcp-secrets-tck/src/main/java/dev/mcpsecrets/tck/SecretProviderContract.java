package dev.mcpsecrets.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.BatchingSecretProvider;
import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SecretProvider} passes. Extend it in a test of your provider's module and
 * implement the abstract methods; the tests and jqwik properties come with it.
 *
 * <p>What it checks: the id is lowercase and stable, schemes are declared, {@code supports} is pure
 * and never throws, the existing reference resolves to the expected value (directly and through
 * {@link Secrets}), the missing one fails with {@link Reason#NOT_FOUND}, the value never appears in
 * exception messages, {@code toString()} or captured log lines (see {@link CapturedLogs}), and 32
 * threads may resolve at once. A {@link BatchingSecretProvider} must also give in a batch what it
 * gives alone, and leave out (or fail the batch with {@link Reason#NOT_FOUND} for) a missing reference;
 * for other providers that test is skipped.
 *
 * @since 0.1
 */
public abstract class SecretProviderContract {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final int THREADS = 32;

    /** For subclasses. */
    protected SecretProviderContract() {
    }

    /**
     * A fresh provider instance.
     *
     * @return the provider under test
     */
    protected abstract SecretProvider createProvider();

    /**
     * A reference that resolves to {@link #expectedValue()} in {@link #context()}.
     *
     * @return the reference
     */
    protected abstract SecretRef existingRef();

    /**
     * The value of {@link #existingRef()}; at least 8 characters so that leak checks mean something.
     *
     * @return the value
     */
    protected abstract String expectedValue();

    /**
     * A well-formed reference of this provider's scheme that does not exist.
     *
     * @return the reference
     */
    protected abstract SecretRef missingRef();

    /**
     * The context resolutions run in. Default: development, 10 seconds, the process environment.
     *
     * @return the context
     */
    protected ResolveContext context() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), System.getenv());
    }

    /**
     * More references of this provider's scheme, used by the purity and no-leak properties.
     *
     * @return extra references (default none)
     */
    protected List<SecretRef> otherRefsForScheme() {
        return List.of();
    }

    /**
     * Whether the provider is registered for {@link ServiceLoader} on the test class path (default yes).
     *
     * @return {@code true} to check discovery
     */
    protected boolean expectDiscoverable() {
        return true;
    }

    /**
     * {@link SecretProvider#id()} is lowercase letters, digits, {@code .}, {@code _} or {@code -}, and the
     * same on every call and on every instance.
     */
    @Test
    public void idIsLowercaseAndStable() {
        SecretProvider a = createProvider();
        SecretProvider b = createProvider();
        assertNotNull(a.id(), "id() must not be null");
        assertTrue(ID.matcher(a.id()).matches(), "id must be lowercase letters, digits, '.', '_' or '-': " + a.id());
        assertEquals(a.id(), a.id(), "id() must return the same value every time");
        assertEquals(a.id(), b.id(), "every instance must have the same id");
    }

    /**
     * {@link SecretProvider#schemes()} names at least one scheme, among them the scheme of
     * {@link #existingRef()}.
     */
    @Test
    public void declaresItsSchemes() {
        SecretProvider p = createProvider();
        assertNotNull(p.schemes(), "schemes() must not be null");
        assertFalse(p.schemes().isEmpty(), "schemes() must name at least one scheme");
        assertTrue(p.schemes().contains(existingRef().scheme()), "schemes() must contain the existing ref's scheme");
    }

    /**
     * {@link SecretProvider#supports(SecretRef)} accepts the provider's own references, existing or not,
     * and refuses a reference of a scheme it does not declare.
     *
     * @throws Exception when the provider under test fails where the contract expects a value
     */
    @Test
    public void supportsItsOwnReferencesAndNotForeignOnes() throws Exception {
        SecretProvider p = createProvider();
        assertTrue(p.supports(existingRef()), "must support " + existingRef());
        assertTrue(p.supports(missingRef()), "must support " + missingRef());
        assertFalse(p.supports(SecretRef.parse("tck-foreign-scheme:anything")), "must not claim a foreign scheme");
    }

    /**
     * {@link SecretProvider#availability(ResolveContext)} answers with a detail sentence, and the provider is
     * available in {@link #context()} (the other tests need it).
     */
    @Test
    public void availabilityAnswersWithADetail() {
        Availability availability = createProvider().availability(context());
        assertNotNull(availability, "availability() must not return null");
        assertFalse(availability.detail().isBlank(), "availability() needs a detail sentence");
        assertTrue(availability.available(), "the contract test needs an available provider: " + availability.detail());
    }

    /**
     * {@link #existingRef()} resolves to {@link #expectedValue()}.
     *
     * @throws Exception when the provider under test fails where the contract expects a value
     */
    @Test
    public void resolvesTheExistingReference() throws Exception {
        Secret secret = createProvider().resolve(existingRef(), context());
        assertEquals(expectedValue(), secret.revealAsString());
    }

    /**
     * {@link #missingRef()} fails with {@link Reason#NOT_FOUND}, not with another reason or a runtime
     * exception.
     */
    @Test
    public void missingReferenceIsNotFound() {
        SecretException e = assertThrows(SecretException.class, () -> createProvider().resolve(missingRef(), context()));
        assertEquals(Reason.NOT_FOUND, e.reason(), "missing reference must give NOT_FOUND, got: " + e.getMessage());
    }

    /**
     * The existing reference resolves through {@link Secrets} as it does directly, and the secret names
     * the provider that resolved it.
     *
     * @throws Exception when the provider under test fails where the contract expects a value
     */
    @Test
    public void resolvesThroughTheFacade() throws Exception {
        SecretProvider p = createProvider();
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(p)
                .environment(context().environment()).profile(context().profile()).build()) {
            Secret secret = secrets.resolve(existingRef().format());
            assertEquals(expectedValue(), secret.revealAsString());
            assertEquals(p.id(), secret.providerId().orElse(null));
        }
    }

    /**
     * A {@link BatchingSecretProvider} gives in a batch what it gives alone, and leaves out a missing
     * reference (or fails the whole batch with {@link Reason#NOT_FOUND}, without the value in the failure).
     * Skipped for providers that do not batch.
     *
     * @throws Exception when the provider under test fails where the contract expects a value
     */
    @Test
    public void aBatchGivesWhatResolveGives() throws Exception {
        SecretProvider p = createProvider();
        assumeTrue(p instanceof BatchingSecretProvider, p.id() + " does not batch");
        BatchingSecretProvider batching = (BatchingSecretProvider) p;
        Map<SecretRef, Secret> alone = batching.resolveAll(List.of(existingRef()), context());
        assertNotNull(alone, "resolveAll must not return null");
        Secret one = alone.get(existingRef());
        assertNotNull(one, "a batch of the existing reference alone must hold it");
        assertEquals(expectedValue(), one.revealAsString(), "resolveAll must give the value resolve gives");
        Map<SecretRef, Secret> mixed;
        try {
            mixed = batching.resolveAll(List.of(existingRef(), missingRef()), context());
        } catch (SecretException e) {
            assertEquals(Reason.NOT_FOUND, e.reason(), "a batch with a missing reference may only fail as "
                    + "NOT_FOUND, got: " + e.getMessage());
            assertFalse(describe(e).contains(expectedValue()), "the value leaked into the batch's failure");
            return;
        }
        assertNotNull(mixed, "resolveAll must not return null");
        assertTrue(mixed.get(missingRef()) == null, "a batch must leave out the reference it could not resolve");
        Secret again = mixed.get(existingRef());
        assertNotNull(again, "a batch that does not fail must hold the existing reference");
        assertEquals(expectedValue(), again.revealAsString(), "resolveAll must give the value resolve gives");
    }

    /**
     * The provider is registered in {@code META-INF/services} (or the module descriptor) so that
     * {@link ServiceLoader} finds it; skipped when {@link #expectDiscoverable()} says it is not.
     */
    @Test
    public void isDiscoverableWithServiceLoader() {
        if (!expectDiscoverable()) {
            return;
        }
        Class<?> type = createProvider().getClass();
        boolean found = ServiceLoader.load(SecretProvider.class).stream().anyMatch(p -> p.type() == type);
        assertTrue(found, type.getName() + " is not registered in META-INF/services/" + SecretProvider.class.getName());
    }

    /**
     * The value never appears in the provider's or the secret's {@code toString()}, in the messages and
     * stack traces of failures (missing references, fallbacks through the facade), or in any line logged
     * through SLF4J meanwhile (captured by {@link CapturedLogs}).
     *
     * @throws Exception when the provider under test fails where the contract expects a value
     */
    @Test
    public void valueNeverAppearsInMessagesToStringOrLogs() throws Exception {
        String value = expectedValue();
        assertTrue(value.length() >= 8, "expectedValue() must have at least 8 characters for the leak check");
        assertTrue(CapturedLogs.isActive(), "SLF4J does not write through the TCK's capturing binding; run tests with "
                + "-Dslf4j.provider=dev.mcpsecrets.tck.internal.CapturingServiceProvider");
        CapturedLogs.clear();
        SecretProvider p = createProvider();
        List<String> texts = new ArrayList<>();
        texts.add(String.valueOf(p));
        Secret secret = p.resolve(existingRef(), context());
        texts.add(secret.toString());
        texts.add(String.valueOf(context()));
        List<SecretRef> refs = new ArrayList<>(otherRefsForScheme());
        refs.add(missingRef());
        for (SecretRef ref : refs) {
            try {
                p.resolve(ref, context()).destroy();
            } catch (SecretException e) {
                texts.add(describe(e));
            }
        }
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(p)
                .environment(context().environment()).profile(context().profile()).build()) {
            texts.add(secrets.resolve(existingRef().format()).toString());
            texts.add(secrets.toString());
            try {
                secrets.resolve(missingRef().format() + " || " + missingRef().format());
            } catch (SecretException e) {
                texts.add(describe(e));
            }
        }
        texts.addAll(CapturedLogs.lines());
        for (String text : texts) {
            if (text.contains(value)) {
                fail("the secret value leaked into: " + text.replace(value, "<VALUE>"));
            }
        }
    }

    /**
     * 32 threads resolving the existing reference at once all get the expected value, within 60 seconds.
     *
     * @throws Exception when the provider under test fails where the contract expects a value
     */
    @Test
    public void concurrentResolutionIsSafe() throws Exception {
        SecretProvider p = createProvider();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                tasks.add(() -> p.resolve(existingRef(), context()).revealAsString());
            }
            for (Future<String> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                assertEquals(expectedValue(), f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code supports} is pure: the same answer twice, no exception, for any body of any scheme.
     *
     * @param body a generated reference body
     * @param ownScheme whether to use the provider's own scheme
     */
    @Property(tries = 200)
    public void supportsIsPureAndNeverThrows(@ForAll("bodies") String body, @ForAll boolean ownScheme) {
        SecretProvider p = createProvider();
        String scheme = ownScheme ? existingRef().scheme() : "tck-other";
        SecretRef ref;
        try {
            ref = SecretRef.of(scheme, body);
        } catch (IllegalArgumentException notAReference) {
            return;
        }
        boolean first = p.supports(ref);
        assertEquals(first, p.supports(ref), "supports() must give the same answer twice for " + ref);
        assertEquals(first, createProvider().supports(ref), "supports() must not depend on instance state");
    }

    /**
     * Resolving arbitrary references of the provider's scheme fails only with {@link SecretException},
     * whose message never contains the existing value.
     *
     * @param body a generated reference body
     */
    @Property(tries = 50)
    public void arbitraryReferencesFailCleanly(@ForAll("bodies") String body) {
        SecretProvider p = createProvider();
        SecretRef ref;
        try {
            ref = SecretRef.of(existingRef().scheme(), body);
        } catch (IllegalArgumentException notAReference) {
            return;
        }
        try {
            Secret s = p.resolve(ref, context());
            s.destroy();
        } catch (SecretException e) {
            assertFalse(describe(e).contains(expectedValue()), "value leaked into the error for " + ref);
        } catch (RuntimeException e) {
            fail("resolve(" + ref + ") threw " + e.getClass().getName() + " instead of SecretException");
        }
    }

    /**
     * Reference bodies: names, paths, unicode, spaces, separators.
     *
     * @return the arbitrary
     */
    @Provide
    public Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ABCXYZ_abc0123456789/.-#").ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("..", "/", "//", "a/b/c", "x y", "-", "?attribute=otp", "tck-missing-\u00e9\u4e2d"));
    }

    private static String describe(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return e.getMessage() + "\n" + e + "\n" + out;
    }
}
