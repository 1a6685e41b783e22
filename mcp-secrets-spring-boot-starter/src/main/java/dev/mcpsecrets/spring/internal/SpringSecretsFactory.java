package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.spring.McpSecretsProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Builds {@link Secrets} from a Spring environment: every discovered provider, the environment variables
 * of Spring's {@code systemEnvironment} source (so tests can supply their own), and the profile from
 * {@code MCP_SECRETS_PROFILE}, {@code CLAUDE_ENV}, Spring's first active profile, then development.
 */
public final class SpringSecretsFactory {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private SpringSecretsFactory() {
    }

    /**
     * Binds {@code mcp-secrets.*} before the context exists.
     *
     * @param environment the environment
     * @return the settings, defaults where unset
     */
    public static McpSecretsProperties settings(ConfigurableEnvironment environment) {
        return Binder.get(environment).bindOrCreate(McpSecretsProperties.PREFIX, McpSecretsProperties.class);
    }

    /**
     * Reads {@code mcp-secrets.timeout} without binding all settings.
     *
     * @param environment the environment
     * @return the timeout, 10 seconds when unset
     * @throws InvalidConfigurationPropertyValueException if the value is no positive duration; Spring
     *     Boot's failure analysis names the property, the value and where it was set
     */
    public static Duration timeout(ConfigurableEnvironment environment) {
        String property = McpSecretsProperties.PREFIX + ".timeout";
        String text = environment.getProperty(property);
        if (text == null || text.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        Duration timeout = null;
        try {
            timeout = DurationStyle.detectAndParse(text.strip());
        } catch (IllegalArgumentException e) {
            // reported below, with the property and where it was set
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfigurationPropertyValueException(property, text,
                    "it must be a positive duration such as 10s or PT10S");
        }
        return timeout;
    }

    /**
     * Builds a facade.
     *
     * @param environment the environment
     * @param timeout the time limit of one resolution
     * @return a new facade, owned by the caller
     */
    public static Secrets create(ConfigurableEnvironment environment, Duration timeout) {
        return Secrets.builder()
                .environment(environmentVariables(environment))
                .frameworkProfile(frameworkProfile(environment))
                .timeout(timeout)
                .build();
    }

    /**
     * The profile the facade would choose, for the policy guard.
     *
     * @param environment the environment
     * @return the profile
     */
    public static Profile profile(ConfigurableEnvironment environment) {
        return Profile.fromEnvironment(environmentVariables(environment), frameworkProfile(environment));
    }

    /**
     * The variables of Spring's {@code systemEnvironment} source.
     *
     * @param environment the environment
     * @return the variables (a copy)
     */
    public static Map<String, String> environmentVariables(ConfigurableEnvironment environment) {
        PropertySource<?> source = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (!(source instanceof MapPropertySource map)) {
            return System.getenv();
        }
        Map<String, String> variables = new HashMap<>();
        map.getSource().forEach((k, v) -> {
            if (v != null) {
                variables.put(k, v.toString());
            }
        });
        return variables;
    }

    /** Spring's first active profile that is a valid profile name; Spring allows names ours does not. */
    private static String frameworkProfile(ConfigurableEnvironment environment) {
        for (String name : environment.getActiveProfiles()) {
            try {
                Profile.of(name);
                return name;
            } catch (IllegalArgumentException notOurs) {
                // e.g. "cloud.aws": skip to the next active profile
            }
        }
        return null;
    }
}
