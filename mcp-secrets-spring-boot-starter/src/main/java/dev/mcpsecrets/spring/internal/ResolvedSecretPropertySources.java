package dev.mcpsecrets.spring.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The property sources that hold resolved values, first in precedence. Their names are what the
 * actuator sanitizer recognises; the one for environment variables ends in {@code -systemEnvironment}
 * so Spring Boot applies relaxed names ({@code GITHUB_TOKEN} binds {@code github.token}) to it.
 */
final class ResolvedSecretPropertySources {
    /** The source for properties from files, command line and system properties. */
    static final String NAME = "mcpSecrets";
    /** The source for properties that came from environment variables. */
    static final String SYSTEM_ENVIRONMENT_NAME = "mcpSecrets-systemEnvironment";

    private ResolvedSecretPropertySources() {
    }

    /**
     * Adds the resolved values in front of every other source.
     *
     * @param sources the environment's sources
     * @param references the references that were resolved
     * @param values resolved values by property name
     */
    static void install(MutablePropertySources sources, List<SecretPropertyReference> references,
            Map<String, String> values) {
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Object> environment = new LinkedHashMap<>();
        for (SecretPropertyReference ref : references) {
            (ref.fromSystemEnvironment() ? environment : plain).put(ref.property(), values.get(ref.property()));
        }
        if (!environment.isEmpty()) {
            sources.addFirst(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_NAME, environment));
        }
        if (!plain.isEmpty()) {
            sources.addFirst(new MapPropertySource(NAME, plain));
        }
    }

    /**
     * Whether a source is one of ours.
     *
     * @param source a property source
     * @return true if it holds resolved values
     */
    static boolean isResolvedSource(PropertySource<?> source) {
        return NAME.equals(source.getName()) || SYSTEM_ENVIRONMENT_NAME.equals(source.getName());
    }

    /**
     * Whether a text shows any resolved value, in whole or in part (e.g. {@code Bearer ${github.token}}).
     *
     * @param sources the environment's sources
     * @param text a value about to be shown
     * @return true if it must be hidden
     */
    static boolean revealsResolvedValue(PropertySources sources, String text) {
        for (String name : new String[] {NAME, SYSTEM_ENVIRONMENT_NAME}) {
            if (sources.get(name) instanceof MapPropertySource source) {
                for (Object value : source.getSource().values()) {
                    if (value instanceof String secret && !secret.isEmpty() && text.contains(secret)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
