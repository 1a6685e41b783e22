package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyEngine;
import dev.mcpsecrets.policy.engine.PolicyGuard;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.engine.Suppressions;
import dev.mcpsecrets.spring.McpSecretsProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs {@link PolicyGuard} when the context starts refreshing, before any singleton exists (so before
 * a stdio MCP server reads its first request). A violation fails the context with
 * {@link dev.mcpsecrets.policy.engine.PolicyViolationException}, whose report the failure analysis shows.
 */
public final class StartupPolicyGuard implements BeanFactoryPostProcessor, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(StartupPolicyGuard.class);

    private final ConfigurableEnvironment environment;

    /**
     * Creates the guard.
     *
     * @param environment the application's environment
     */
    public StartupPolicyGuard(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        McpSecretsProperties.Policy settings = SpringSecretsFactory.settings(environment).policy();
        if (settings.enabled()) {
            check(settings);
        }
    }

    private void check(McpSecretsProperties.Policy settings) {
        Map<String, String> variables = SpringSecretsFactory.environmentVariables(environment);
        Path home = settings.home() != null ? settings.home() : Path.of(System.getProperty("user.home"));
        Path project = settings.projectDirectory() != null ? settings.projectDirectory()
                : Path.of(System.getProperty("user.dir"));
        PolicyContext.Builder context = PolicyContext.builder()
                .environment(variables)
                .profile(SpringSecretsFactory.profile(environment))
                .files(FileSystemView.of(home, project, FileSystemView.OperatingSystem.current(), variables))
                .discoverConfigs();
        try {
            context.userFingerprinter();
        } catch (IOException e) {
            // a per-run key still compares values within this run; only cross-run matching is lost
            LOG.warn("MCP policy: using a per-run fingerprint key: {}", e.getMessage());
        }
        SelfDeclaration self = SelfDeclaration.named(serverName(settings))
                .withReadOnly(settings.readOnly())
                .withRoots(settings.readRoots(), settings.writeRoots())
                .withSecretReferences(SecretReferenceScanner.referencesByProperty(environment.getPropertySources()));
        PolicyEngine.Builder engine = PolicyEngine.builder();
        if (settings.suppressions() != null) {
            engine.suppressions(Suppressions.load(settings.suppressions()));
        }
        PolicyGuard.builder()
                .context(context.build())
                .self(self)
                .engine(engine.build())
                .failOn(settings.threshold())
                .refuseOn(settings.refuseOn())
                .warnOn(settings.warnOn())
                .warnOnly(settings.warnOnly())
                .build()
                .check();
    }

    private String serverName(McpSecretsProperties.Policy settings) {
        if (settings.serverName() != null && !settings.serverName().isBlank()) {
            return settings.serverName();
        }
        return environment.getProperty("spring.ai.mcp.server.name",
                environment.getProperty("spring.application.name", "application"));
    }
}
