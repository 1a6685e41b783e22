package dev.mcpsecrets.api;

import java.util.Objects;
import java.util.Set;

/**
 * A provider known to a {@link Secrets} instance and whether it can work now.
 *
 * @param id the provider id
 * @param priority its priority
 * @param schemes the schemes it claims
 * @param availability whether it can work, and why not
 * @param implementation the implementing class name
 * @since 0.1
 */
public record ProviderStatus(String id, int priority, Set<String> schemes, Availability availability,
        String implementation) {
    /**
     * Validates and copies the fields.
     *
     * @param id the provider id
     * @param priority its priority
     * @param schemes the schemes it claims
     * @param availability whether it can work
     * @param implementation the implementing class name
     */
    public ProviderStatus {
        Objects.requireNonNull(id, "id");
        schemes = Set.copyOf(schemes);
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(implementation, "implementation");
    }
}
