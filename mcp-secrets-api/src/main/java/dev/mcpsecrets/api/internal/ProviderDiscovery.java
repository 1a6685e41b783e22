package dev.mcpsecrets.api.internal;

import dev.mcpsecrets.api.SecretProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers with {@link ServiceLoader}. One broken plugin is logged and skipped; it never
 * stops the others or the server.
 */
public final class ProviderDiscovery {
    /** Guards against a class loader that keeps failing on the same entry. */
    private static final int MAX_FAILURES = 64;

    /**
     * Orders providers: higher priority first, then by id. A plain class rather than a lambda chain:
     * this runs at server start, where the first lambda bootstrap alone costs milliseconds.
     */
    public static final Comparator<SecretProvider> ORDER = new PriorityThenId();

    private static final class PriorityThenId implements Comparator<SecretProvider> {
        @Override
        public int compare(SecretProvider a, SecretProvider b) {
            int byPriority = Integer.compare(b.priority(), a.priority());
            return byPriority != 0 ? byPriority : a.id().compareTo(b.id());
        }
    }

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
                SecretProvider provider = it.next();
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
     * Merges explicit and discovered providers: ids are unique, the first one with an id wins
     * (explicit ones come first), and the result is ordered by {@link #ORDER}.
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
        ordered.sort(ORDER);
        return List.copyOf(ordered);
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
