package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A check that judges each server entry of each config on its own, in document order, and (when it
 * overrides {@link #checkSelf}) the server's own declaration first.
 */
abstract class ServerEntryCheck implements PolicyCheck {

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.CONFIG);
    }

    @Override
    public final Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.inScope(PolicyScope.SELF) && scopes().contains(PolicyScope.SELF)) {
            context.self().ifPresent(self -> checkSelf(self, context, findings));
        }
        if (context.inScope(PolicyScope.CONFIG)) {
            for (McpConfigFile config : context.configs()) {
                for (McpServer server : config.servers()) {
                    check(server, context.serverCatalog().identify(server), context, findings);
                }
            }
        }
        return findings.stream();
    }

    /**
     * Checks the server's own declaration; only called when {@link #scopes()} holds
     * {@link PolicyScope#SELF}.
     *
     * @param self the declaration
     * @param context the context
     * @param findings where to add findings
     */
    void checkSelf(SelfDeclaration self, PolicyContext context, List<Finding> findings) {
    }

    /**
     * Checks one entry.
     *
     * @param server the entry
     * @param shape what the catalog knows about it
     * @param context the context
     * @param findings where to add findings
     */
    abstract void check(McpServer server, Optional<ServerShape> shape, PolicyContext context, List<Finding> findings);
}
