package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import dev.mcpsecrets.policy.PolicyScope;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A check that calls out to a live system. It runs only when the context allows live probes — the
 * engine skips it otherwise, and it refuses on its own too, so an embedder calling it directly cannot
 * open a connection by mistake.
 */
abstract class LiveProbeCheck implements PolicyCheck {

    @Override
    public final Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.LIVE);
    }

    @Override
    public final Stream<Finding> run(PolicyContext context) {
        if (!context.liveProbesAllowed()) {
            return Stream.empty();
        }
        return probe(context, context.settings(LiveProbeSettings.class).orElseGet(() -> LiveProbeSettings.fromOptions(context.options()))).stream();
    }

    /**
     * Probes, with live probes allowed.
     *
     * @param context the context
     * @param settings the user's live-probe settings
     * @return the findings, in a deterministic order
     */
    abstract List<Finding> probe(PolicyContext context, LiveProbeSettings settings);
}
