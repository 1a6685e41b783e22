package dev.mcpsecrets.examples.springai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A Spring AI MCP server on stdio whose GitHub token comes from a secret reference in
 * {@code application.yml}, resolved by the mcp-secrets starter before any bean exists.
 *
 * @since 0.1
 */
@SpringBootApplication
@EnableConfigurationProperties(GitHubSettings.class)
public class SpringAiMcpServerApplication {
    /** Created by Spring. */
    public SpringAiMcpServerApplication() {
    }

    /**
     * Starts the server; it speaks MCP JSON-RPC on stdin/stdout and logs to stderr.
     *
     * @param args Spring Boot arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SpringAiMcpServerApplication.class, args);
    }
}
