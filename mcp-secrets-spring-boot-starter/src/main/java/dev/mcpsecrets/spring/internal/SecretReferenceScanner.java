package dev.mcpsecrets.spring.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Finds the properties whose effective (highest-precedence) raw value starts with {@code secret:}. */
final class SecretReferenceScanner {
    /** Marks a property value as a secret reference. */
    static final String PREFIX = "secret:";

    private SecretReferenceScanner() {
    }

    /**
     * Scans the sources in precedence order.
     *
     * @param sources the environment's property sources
     * @return the references, highest-precedence source first
     */
    static List<SecretPropertyReference> scan(PropertySources sources) {
        return scanIgnoringResolved(sources);
    }

    /**
     * The references as written, property name to expression, also after they were resolved.
     *
     * @param sources the environment's property sources
     * @return property name to reference expression
     */
    static Map<String, String> referencesByProperty(PropertySources sources) {
        Map<String, String> out = new LinkedHashMap<>();
        scanIgnoringResolved(sources).forEach(ref -> out.put(ref.property(), ref.expression()));
        return out;
    }

    private static List<SecretPropertyReference> scanIgnoringResolved(PropertySources sources) {
        List<PropertySource<?>> ordered = sources.stream().toList();
        Set<String> seen = new HashSet<>();
        List<SecretPropertyReference> found = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            PropertySource<?> source = ordered.get(i);
            if (!(source instanceof EnumerablePropertySource<?> enumerable)
                    || ResolvedSecretPropertySources.isResolvedSource(source)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                String expression = referenceIn(enumerable.getProperty(name));
                if (expression != null && seen.add(name) && !overridden(ordered, i, name)) {
                    found.add(new SecretPropertyReference(name, expression, originOf(source, name),
                            source instanceof SystemEnvironmentPropertySource));
                }
            }
        }
        return found;
    }

    private static String referenceIn(Object raw) {
        // YAML and properties values are OriginTrackedValue, a CharSequence; anything else is not a reference
        if (raw instanceof CharSequence text) {
            String s = text.toString();
            if (s.startsWith(PREFIX)) {
                return s.substring(PREFIX.length()).strip();
            }
        }
        return null;
    }

    /**
     * A source of higher precedence that has the name (relaxed, for environment variables) wins. The
     * attached {@code configurationProperties} source is a view of all the others, not a source; ours
     * are ignored so that a scan after resolution finds the same references (for the policy guard).
     */
    private static boolean overridden(List<PropertySource<?>> ordered, int index, String name) {
        for (int j = 0; j < index; j++) {
            PropertySource<?> earlier = ordered.get(j);
            if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(earlier)
                    && !ResolvedSecretPropertySources.isResolvedSource(earlier) && earlier.containsProperty(name)) {
                return true;
            }
        }
        return false;
    }

    private static String originOf(PropertySource<?> source, String name) {
        Origin origin = OriginLookup.getOrigin(source, name);
        return origin != null ? origin.toString() : "property source '" + source.getName() + "'";
    }
}
