package dev.mcpsecrets.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers with {@link ServiceLoader}. One broken plugin is logged and skipped; it never
 * stops the others or the server.
 */
final class ProviderDiscovery {
    /** Guards against a class loader that keeps failing on the same entry. */
    private static final int MAX_FAILURES = 64;

    /** Loggers are created on first use: SLF4J's own start-up is not paid by a clean discovery. */
    private static Logger log() {
        return LoggerFactory.getLogger(ProviderDiscovery.class);
    }

    private ProviderDiscovery() {
    }

    /**
     * Loads every provider visible to the loader.
     *
     * @param loader the class loader, or {@code null} for the module layer / context loader
     * @return the providers that loaded, in discovery order
     */
    public static List<SecretProvider> discover(ClassLoader loader) {
        ServiceLoader<SecretProvider> serviceLoader = loader == null
                ? ServiceLoader.load(SecretProvider.class)
                : ServiceLoader.load(SecretProvider.class, loader);
        List<SecretProvider> found = new ArrayList<>();
        Iterator<SecretProvider> it = serviceLoader.iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                SecretProvider provider = builtIn(it.next());
                String id = provider.id();
                if (id == null || id.isBlank()) {
                    log().warn("skipping secret provider {}: it has no id", provider.getClass().getName());
                    continue;
                }
                found.add(provider);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures++;
                log().warn("skipping a secret provider that failed to load: {}", describe(e));
            }
        }
        return found;
    }

    /**
     * The built-in providers are registered through forwarding classes in a subpackage (the service
     * loader needs public classes, and the implementations stay package-private here so this package
     * never depends on that one). Discovery uses the implementation a registration stands for, so the
     * resolver recognises the environment provider, which never blocks and so runs without a worker
     * thread. Only this library's own subpackages are asked: a plugin that happens to be a
     * {@link Supplier} is left alone.
     */
    private static SecretProvider builtIn(SecretProvider provider) {
        Class<?> type = provider.getClass();
        if (provider instanceof Supplier<?> registration
                && type.getClassLoader() == ProviderDiscovery.class.getClassLoader()
                && type.getPackageName().startsWith(ProviderDiscovery.class.getPackageName() + ".")) {
            Object target = registration.get();
            if (target instanceof BuiltInEnvironmentProvider env) {
                return env;
            }
            if (target instanceof BuiltInFileProvider files) {
                return files;
            }
        }
        return provider;
    }

    /**
     * Merges explicit and discovered providers: ids are unique, the first one with an id wins
     * (explicit ones come first), and the result is ordered by priority, highest first, then by id.
     *
     * @param explicit providers the embedder registered
     * @param discovered providers found by discovery
     * @return the merged, ordered list
     */
    public static List<SecretProvider> merge(List<SecretProvider> explicit, List<SecretProvider> discovered) {
        Map<String, SecretProvider> byId = new LinkedHashMap<>();
        for (List<SecretProvider> list : List.of(explicit, discovered)) {
            for (SecretProvider p : list) {
                SecretProvider previous = byId.putIfAbsent(p.id(), p);
                if (previous != null && previous != p && list == discovered) {
                    log().debug("secret provider id {} of {} already taken by {}; keeping the first",
                            p.id(), p.getClass().getName(), previous.getClass().getName());
                } else if (previous != null && previous != p) {
                    throw new IllegalArgumentException("two providers with id " + p.id() + ": "
                            + previous.getClass().getName() + " and " + p.getClass().getName());
                }
            }
        }
        List<SecretProvider> ordered = new ArrayList<>(byId.values());
        // Insertion sort (stable) rather than a Comparator: a handful of providers, and this runs while a
        // server starts, where each extra class loaded costs a fraction of a millisecond.
        for (int i = 1; i < ordered.size(); i++) {
            SecretProvider p = ordered.get(i);
            int j = i - 1;
            while (j >= 0 && comesBefore(p, ordered.get(j))) {
                ordered.set(j + 1, ordered.get(j));
                j--;
            }
            ordered.set(j + 1, p);
        }
        return List.copyOf(ordered);
    }

    /** Higher priority first, then by id. */
    private static boolean comesBefore(SecretProvider a, SecretProvider b) {
        int byPriority = Integer.compare(b.priority(), a.priority());
        return byPriority != 0 ? byPriority < 0 : a.id().compareTo(b.id()) < 0;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 3) {
            sb.append(" <- ").append(cause);
            cause = cause.getCause();
        }
        return sb.toString();
    }
}
