package dev.mcpsecrets.spring;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A small application for the tests, started with environment variables the test chooses. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(TestApplication.GitHubSettings.class)
public class TestApplication {
    /**
     * Settings bound from {@code github.*}, as an MCP server would have them.
     *
     * @param token the token
     * @param apiUrl the API address
     */
    @ConfigurationProperties("github")
    public record GitHubSettings(String token, String apiUrl) {
    }

    /**
     * Starts the application without a web server and, unless the arguments enable it, without the
     * policy guard.
     *
     * @param variables the environment variables providers and Spring see instead of the process's
     * @param args command line arguments, e.g. {@code --github.token=secret:env:X}
     * @return the running context
     */
    static ConfigurableApplicationContext run(Map<String, String> variables, String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        return new SpringApplicationBuilder(TestApplication.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                // the guard would read this machine's MCP configs; guard tests enable it on their own directories
                .properties("mcp-secrets.policy.enabled=false")
                .run(args);
    }
}
