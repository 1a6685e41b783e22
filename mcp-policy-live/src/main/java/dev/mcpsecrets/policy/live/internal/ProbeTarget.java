package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.source.Location;
import java.util.Objects;

/**
 * Where a probed credential was found, for messages, locations and fingerprints.
 *
 * @param server the server's label ({@code github}, or the self-declared name)
 * @param variable the variable, header or setting that holds the credential
 * @param location where it is written ({@link Location#NONE} for a self declaration)
 */
public record ProbeTarget(String server, String variable, Location location) {
    /**
     * Validates the parts.
     *
     * @param server the server
     * @param variable the variable
     * @param location the location
     */
    public ProbeTarget {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(location, "location");
    }

    /**
     * A phrase naming the credential, e.g. {@code GITHUB_TOKEN of server github}.
     *
     * @return the phrase
     */
    public String describe() {
        return variable + " of server " + server;
    }

    /**
     * A fingerprint hint unique per credential and detail.
     *
     * @param detail e.g. a scope or a privilege scope
     * @return the hint
     */
    public String hint(String detail) {
        return server + "\u0000" + variable + "\u0000" + detail;
    }
}
