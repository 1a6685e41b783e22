package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.spring.McpSecretsProperties;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Resolves property values written as {@code secret:<reference>} once, while the environment is
 * prepared: after the configuration files are loaded, the active profiles are fixed and logging is set
 * up, before the context exists. The values go into a property source of highest precedence.
 *
 * <p>This is environment post-processing, placed right after Spring Boot's logging listener rather
 * than among the {@code EnvironmentPostProcessor}s, which run before logging is configured: a failure
 * report must go where the application sends its logs (stderr for a stdio MCP server, whose stdout is
 * the protocol), not to Logback's default console on stdout.
 */
public final class SecretReferenceResolutionListener
        implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
    /** Right after logging is initialised from the prepared environment. */
    public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

    private static final Logger LOG = LoggerFactory.getLogger(SecretReferenceResolutionListener.class);

    /** Created by Spring Boot. */
    public SecretReferenceResolutionListener() {
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        resolve(event.getEnvironment());
    }

    /**
     * Resolves the references of an environment and installs the values.
     *
     * @param environment the environment
     * @throws dev.mcpsecrets.spring.SecretPropertyException if any reference cannot be resolved
     */
    static void resolve(ConfigurableEnvironment environment) {
        // plain look-ups, not a Binder: this runs in every start, with or without references
        if (!environment.getProperty(McpSecretsProperties.PREFIX + ".enabled", Boolean.class, true)) {
            return;
        }
        List<SecretPropertyReference> references = SecretReferenceScanner.scan(environment.getPropertySources());
        if (references.isEmpty()) {
            return;
        }
        Map<String, String> values;
        try (Secrets secrets = SpringSecretsFactory.create(environment, SpringSecretsFactory.timeout(environment))) {
            values = PropertyResolution.resolve(secrets, references);
            LOG.debug("Resolved {} secret references (profile {}) for properties {}", values.size(),
                    secrets.profile().name(), values.keySet());
        }
        ResolvedSecretPropertySources.install(environment.getPropertySources(), references, values);
    }
}
