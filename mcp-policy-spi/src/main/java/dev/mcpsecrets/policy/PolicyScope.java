package dev.mcpsecrets.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a {@link PolicyCheck} looks at. {@code PolicyGuard} decides by scope what may refuse a
 * server's start and what is only logged or not run at all; {@code mcp-secrets audit} runs every scope.
 *
 * @since 0.2
 */
public enum PolicyScope {
    /** What the running server declares about itself ({@link SelfDeclaration}): roots, databases, endpoints, settings. */
    SELF,
    /** MCP client-config entries (the entries that start this server, and every other server's). */
    CONFIG,
    /** Files on this machine: permissions, {@code .env} and secrets files, shell rc files, logs. */
    MACHINE,
    /** The git history of the project. Its cost grows with the history, so it never runs at startup unless asked. */
    HISTORY,
    /** Live systems: the network and databases. Only when live probes are allowed, and only to allowed hosts. */
    LIVE;

    /**
     * Every scope.
     *
     * @return an unmodifiable set of all scopes
     */
    public static Set<PolicyScope> all() {
        return Collections.unmodifiableSet(EnumSet.allOf(PolicyScope.class));
    }
}
