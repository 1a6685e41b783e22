package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.spring.McpSecretsProperties;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Resolves property values written as {@code secret:<reference>} once, right after the configuration
 * files are loaded and the active profiles are known, and puts the values in a property source of
 * highest precedence. Runs before the context exists, so a failure stops startup before any bean
 * sees a reference instead of a credential.
 */
public final class SecretReferenceEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
    /** Right after config data: profiles are final, other post-processors already see values. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

    // Spring's deferred log: the logging system is not configured yet, lines are replayed once it is
    private final Log log;

    /**
     * Created by Spring Boot.
     *
     * @param logFactory Spring Boot's deferred log factory
     */
    public SecretReferenceEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(SecretReferenceEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        McpSecretsProperties settings = SpringSecretsFactory.settings(environment);
        if (!settings.enabled()) {
            return;
        }
        List<SecretPropertyReference> references = SecretReferenceScanner.scan(environment.getPropertySources());
        if (references.isEmpty()) {
            return;
        }
        Map<String, String> values;
        try (Secrets secrets = SpringSecretsFactory.create(environment, settings)) {
            values = PropertyResolution.resolve(secrets, references);
            if (log.isDebugEnabled()) {
                log.debug("Resolved " + values.size() + " secret references (profile " + secrets.profile().name()
                        + ") for properties " + values.keySet());
            }
        }
        ResolvedSecretPropertySources.install(environment.getPropertySources(), references, values);
    }
}
