package dev.mcpsecrets.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.aws.testing.FakeSecretsManager;
import dev.mcpsecrets.tck.DiscoveryFootprint;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Discovery, {@code supports} and availability load none of the AWS SDK: a server that never names an
 * {@code aws-sm:} reference pays for one small class. The SDK loads on the first resolve.
 */
class AwsDiscoveryFootprintTest {
    private static final String MODULE = "dev.mcpsecrets.aws.";
    private static final String SDK = "software.amazon.";

    @Test
    void constructingTheProviderLoadsOnlyItselfAndTheCallsInterface() {
        assertThat(DiscoveryFootprint.of(AwsSecretsManagerProvider.class, MODULE))
                .containsExactlyInAnyOrder(AwsSecretsManagerProvider.class.getName(), AwsCalls.class.getName());
    }

    @Test
    void discoverySupportsAndAvailabilityLoadNoSdkClassAndTheFirstResolveDoes() throws Exception {
        try (FakeSecretsManager fake = Fakes.start(); Recording loader = new Recording()) {
            fake.putString("footprint", "footprint-value-1");
            Class<?> fresh = Class.forName(AwsSecretsManagerProvider.class.getName(), true, loader);
            SecretProvider provider = (SecretProvider) fresh.getConstructor().newInstance();
            assertThat(provider.supports(SecretRef.parse("aws-sm:footprint"))).isTrue();
            assertThat(provider.supports(SecretRef.parse("env:HOME"))).isFalse();
            Availability availability = provider.availability(Fakes.context(fake));
            assertThat(availability.available()).as(availability.detail()).isTrue();
            assertThat(provider.availability().detail()).isNotBlank();
            assertThat(loader.loaded()).as("before any resolve").noneMatch(n -> n.startsWith(SDK))
                    .allMatch(n -> n.startsWith(MODULE));

            Secret s = provider.resolve(SecretRef.parse("aws-sm:footprint"), Fakes.context(fake));
            assertThat(s.revealAsString()).isEqualTo("footprint-value-1");
            s.destroy();
            assertThat(loader.loaded()).as("the first resolve loads the SDK")
                    .anyMatch(n -> n.startsWith(SDK + "awssdk.services.secretsmanager."))
                    .anyMatch(n -> n.startsWith(SDK + "awssdk.http.urlconnection."));
            ((AutoCloseable) provider).close();
        }
    }

    /**
     * Child-first for this module's and the SDK's classes, from the test class path, so that they load
     * again here and are seen loading; everything else (the api, SLF4J, Jackson) from the usual loader.
     */
    private static final class Recording extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Set<String> loaded = Collections.synchronizedSet(new TreeSet<>());

        Recording() throws Exception {
            super(urls(), AwsDiscoveryFootprintTest.class.getClassLoader());
        }

        private static URL[] urls() throws Exception {
            List<URL> urls = new ArrayList<>();
            urls.add(AwsSecretsManagerProvider.class.getProtectionDomain().getCodeSource().getLocation());
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.contains("awssdk") || entry.contains("reactive-streams")) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            return urls.toArray(new URL[0]);
        }

        Set<String> loaded() {
            synchronized (loaded) {
                return new TreeSet<>(loaded);
            }
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            boolean mine = (name.startsWith(MODULE) && !name.startsWith(MODULE + "testing.")) || name.startsWith(SDK);
            if (!mine) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                    loaded.add(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
