package dev.mcpsecrets.spring;

import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 *     read-only: true
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
     * Settings of the startup policy guard, under {@code mcp-secrets.policy.*}. The guard checks this
     * user's MCP client configs and the server's own declaration (name, read-only, roots, secret
     * references) with every discovered {@code PolicyCheck}.
     *
     * @param enabled whether the guard runs at startup
     * @param failOn the lowest severity that stops startup ({@code info}, {@code low}, {@code medium},
     *     {@code high}, {@code critical}), or {@code never} to only log the findings
     * @param suppressions a suppressions file, or {@code null} for none
     * @param serverName the server's name as in its MCP client config; default
     *     {@code spring.ai.mcp.server.name}, else {@code spring.application.name}
     * @param readOnly whether the server declares that it only reads
     * @param readRoots directories the server reads
     * @param writeRoots directories the server writes
     * @param home the home directory whose MCP client configs are checked; default {@code user.home}
     * @param projectDirectory the project directory whose MCP configs are checked; default {@code user.dir}
     * @param refuseOn the scopes whose findings may stop startup; default {@code self} (the declaration and
     *     the client-config entries that start this server)
     * @param warnOn the scopes that run and are only logged; default {@code config} (other servers' entries)
     * @since 0.1
     */
    public record Policy(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("high") String failOn,
            Path suppressions,
            String serverName,
            @DefaultValue("false") boolean readOnly,
            @DefaultValue List<Path> readRoots,
            @DefaultValue List<Path> writeRoots,
            Path home,
            Path projectDirectory,
            @DefaultValue("self") List<PolicyScope> refuseOn,
            @DefaultValue("config") List<PolicyScope> warnOn) {

        /** The {@code fail-on} value that only logs. */
        public static final String NEVER = "never";

        /**
         * Validates the settings.
         *
         * @param enabled see the record
         * @param failOn see the record
         * @param suppressions see the record
         * @param serverName see the record
         * @param readOnly see the record
         * @param readRoots see the record
         * @param writeRoots see the record
         * @param home see the record
         * @param projectDirectory see the record
         * @param refuseOn see the record
         * @param warnOn see the record
         * @throws IllegalArgumentException if {@code failOn} is no severity and not {@code never}
         */
        public Policy {
            Objects.requireNonNull(failOn, "mcp-secrets.policy.fail-on");
            if (!NEVER.equalsIgnoreCase(failOn.strip())) {
                Severity.parse(failOn);
            }
            readRoots = List.copyOf(readRoots);
            writeRoots = List.copyOf(writeRoots);
            refuseOn = List.copyOf(refuseOn);
            warnOn = List.copyOf(warnOn);
        }

        /**
         * Whether findings only get logged.
         *
         * @return true for {@code fail-on: never}
         */
        public boolean warnOnly() {
            return NEVER.equalsIgnoreCase(failOn.strip());
        }

        /**
         * The threshold severity.
         *
         * @return the severity; {@link Severity#INFO} for {@code never}: every finding is reported as
         *     one that would stop startup, and {@link #warnOnly()} keeps it from doing so
         */
        public Severity threshold() {
            return warnOnly() ? Severity.INFO : Severity.parse(failOn);
        }
    }
}
