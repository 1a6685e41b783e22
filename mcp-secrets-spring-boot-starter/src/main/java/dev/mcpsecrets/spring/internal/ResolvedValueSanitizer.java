package dev.mcpsecrets.spring.internal;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Hides resolved secrets from {@code /actuator/env} and {@code /actuator/configprops}, also with
 * {@code show-values=ALWAYS}: every entry of our property sources, and any other value that contains a
 * resolved value (placeholders such as {@code Bearer ${github.token}}, bound configuration properties).
 */
public final class ResolvedValueSanitizer implements SanitizingFunction {
    private final ConfigurableEnvironment environment;

    /**
     * Creates the sanitizer.
     *
     * @param environment the application's environment, where the resolved values live
     */
    public ResolvedValueSanitizer(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        PropertySource<?> source = data.getPropertySource();
        if (source != null && ResolvedSecretPropertySources.isResolvedSource(source)) {
            return data.withSanitizedValue();
        }
        Object value = data.getValue();
        if (value != null
                && ResolvedSecretPropertySources.revealsResolvedValue(environment.getPropertySources(), value.toString())) {
            return data.withSanitizedValue();
        }
        return data;
    }
}
