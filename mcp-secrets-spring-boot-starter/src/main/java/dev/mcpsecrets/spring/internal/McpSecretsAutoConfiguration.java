package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.spring.McpSecretsProperties;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Spring Boot auto-configuration of mcp-secrets: the startup policy guard, a {@link Secrets} bean for
 * code that resolves references itself, and the actuator sanitizer that hides resolved values. Property values written as
 * {@code secret:<reference>} are resolved earlier, while the environment is prepared and before the
 * context exists. Off with {@code mcp-secrets.enabled=false}. The settings ({@link McpSecretsProperties})
 * are read where they are used rather than bound into a bean, so an application pays for binding them
 * only when the policy guard runs.
 *
 * <p>Named only in {@code META-INF/spring/...AutoConfiguration.imports}: an implementation class, so it
 * lives beside the classes it makes, and the public package does not depend on this one.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = McpSecretsProperties.PREFIX + ".enabled", matchIfMissing = true)
public class McpSecretsAutoConfiguration {
    /** Created by Spring. */
    public McpSecretsAutoConfiguration() {
    }

    /**
     * The facade with every discovered provider, the profile Spring's environment selects and
     * {@code mcp-secrets.timeout}; closed with the context, which destroys its cached values. Lazy:
     * made (and its providers discovered) only when something injects it.
     *
     * @param environment the environment
     * @return the facade
     */
    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    public Secrets mcpSecrets(ConfigurableEnvironment environment) {
        return SpringSecretsFactory.create(environment, SpringSecretsFactory.timeout(environment));
    }

    /**
     * Runs the policy guard at the start of the context refresh, before any other bean is made; off
     * with {@code mcp-secrets.policy.enabled=false}.
     *
     * @param environment the environment
     * @return the guard
     */
    @Bean
    @ConditionalOnBooleanProperty(name = McpSecretsProperties.PREFIX + ".policy.enabled", matchIfMissing = true)
    public static BeanFactoryPostProcessor mcpSecretsPolicyGuard(ConfigurableEnvironment environment) {
        return new StartupPolicyGuard(environment);
    }

    /** Beans made only when Spring Boot's actuator is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    public static class ActuatorConfiguration {
        /** Created by Spring. */
        public ActuatorConfiguration() {
        }

        /**
         * Hides resolved secrets from {@code /actuator/env} and {@code /actuator/configprops}, also
         * with {@code show-values=ALWAYS}.
         *
         * @param environment the environment holding the resolved values
         * @return the sanitizing function
         */
        @Bean
        public SanitizingFunction mcpSecretsSanitizingFunction(ConfigurableEnvironment environment) {
            return new ResolvedValueSanitizer(environment);
        }
    }
}
