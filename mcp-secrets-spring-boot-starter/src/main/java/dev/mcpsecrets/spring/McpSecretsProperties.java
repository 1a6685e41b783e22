package dev.mcpsecrets.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code mcp-secrets.*}.
 *
 * <pre>{@code
 * mcp-secrets:
 *   timeout: 10s
 *   policy:
 *     fail-on: high
 *     suppressions: config/mcp-suppressions.json
 * }</pre>
 *
 * @param enabled whether property values starting with {@code secret:} are resolved and the beans are made
 * @param timeout the time limit of resolving all references at startup
 * @param policy the startup policy guard
 * @since 0.1
 */
@ConfigurationProperties(prefix = McpSecretsProperties.PREFIX)
public record McpSecretsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue Policy policy) {

    /** The prefix of these properties. */
    public static final String PREFIX = "mcp-secrets";

    /**
     * Validates the settings.
     *
     * @param enabled see the record
     * @param timeout see the record
     * @param policy see the record
     */
    public McpSecretsProperties {
        Objects.requireNonNull(timeout, "mcp-secrets.timeout");
        Objects.requireNonNull(policy, "mcp-secrets.policy");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("mcp-secrets.timeout must be positive, was " + timeout);
        }
    }

    /**
     * Settings of the startup policy guard, under {@code mcp-secrets.policy.*}.
     *
     * @param enabled whether the guard runs at startup
     * @param failOn the lowest severity that stops startup ({@code low}, {@code medium}, {@code high},
     *     {@code critical}), or {@code never} to only log the report
     * @param suppressions a suppressions file, or {@code null} for none
     * @since 0.1
     */
    public record Policy(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("high") String failOn,
            Path suppressions) {

        /**
         * Validates the settings.
         *
         * @param enabled see the record
         * @param failOn see the record
         * @param suppressions see the record
         */
        public Policy {
            Objects.requireNonNull(failOn, "mcp-secrets.policy.fail-on");
        }
    }
}
