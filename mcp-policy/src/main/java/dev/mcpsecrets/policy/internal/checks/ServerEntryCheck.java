package dev.mcpsecrets.policy.internal.checks;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A check that judges each server entry of each config on its own, in document order. */
abstract class ServerEntryCheck implements PolicyCheck {

    @Override
    public final Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                check(server, context.serverCatalog().identify(server), context, findings);
            }
        }
        return findings.stream();
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
