package dev.mcpsecrets.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a provider's own classes discovery loads. Discovery constructs every provider on the class
 * path when a server starts, whether or not it will ever name that provider's scheme, and in a fresh
 * JVM each class loaded costs a fraction of a millisecond. A provider whose registered class loads only
 * itself (its clients, caches and parsers created on first resolve) keeps that cost down for everyone.
 *
 * <pre>{@code
 * assertThat(DiscoveryFootprint.of(MyProvider.class, "com.example.vault."))
 *         .containsExactly("com.example.vault.MyProvider");
 * }</pre>
 *
 * @since 0.1
 */
public final class DiscoveryFootprint {
    private DiscoveryFootprint() {
    }

    /**
     * Loads {@code providerClass} afresh in an isolated class loader, constructs it with its public
     * no-argument constructor, as {@link java.util.ServiceLoader} does, and lists the classes whose
     * names start with {@code packagePrefix} that this loaded, the provider class included. Classes
     * the JVM's verifier needs count, since they are loaded all the same.
     *
     * @param providerClass the class registered for discovery; it must come from a directory or jar
     * @param packagePrefix e.g. {@code "com.example.vault."}; classes outside it come from the usual loader
     * @return the names of the classes loaded, sorted
     * @throws IllegalArgumentException if the class has no code source or cannot be constructed
     */
    public static Set<String> of(Class<?> providerClass, String packagePrefix) {
        Objects.requireNonNull(providerClass, "providerClass");
        Objects.requireNonNull(packagePrefix, "packagePrefix");
        CodeSource source = providerClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalArgumentException(providerClass.getName() + " has no code source to load it from");
        }
        try (RecordingLoader loader = new RecordingLoader(source.getLocation(), packagePrefix,
                providerClass.getClassLoader())) {
            Class<?> fresh = Class.forName(providerClass.getName(), true, loader);
            fresh.getConstructor().newInstance();
            return Collections.unmodifiableSet(new TreeSet<>(loader.loaded));
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot construct " + providerClass.getName() + " in isolation: " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Child-first for one package prefix, so those classes load again and are seen loading. */
    private static final class RecordingLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final String prefix;
        private final Set<String> loaded = Collections.synchronizedSet(new TreeSet<>());

        RecordingLoader(URL location, String prefix, ClassLoader parent) {
            super(new URL[] {location}, parent);
            this.prefix = prefix;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(prefix)) {
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
