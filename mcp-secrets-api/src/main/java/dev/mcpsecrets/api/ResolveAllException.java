package dev.mcpsecrets.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Secrets#resolveAll} could not resolve every name. Tells, for each name that failed, why;
 * the reason of the exception itself is that of the first failure.
 *
 * @since 0.1
 */
public final class ResolveAllException extends SecretException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, SecretException> failures;

    /**
     * Creates the exception.
     *
     * @param failures each failing name (as given to {@code resolveAll}) and its failure, in order; not empty
     * @param total how many names were asked for
     */
    public ResolveAllException(Map<String, SecretException> failures, int total) {
        super(firstReason(failures), null, describe(failures, total));
        this.failures = Map.copyOf(new LinkedHashMap<>(failures));
        for (SecretException f : failures.values()) {
            addSuppressed(f);
        }
    }

    /**
     * The names that failed and why.
     *
     * @return failures by name
     */
    public Map<String, SecretException> failures() {
        return failures == null ? Map.of() : failures;
    }

    private static Reason firstReason(Map<String, SecretException> failures) {
        Objects.requireNonNull(failures, "failures");
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("failures must not be empty");
        }
        return failures.values().iterator().next().reason();
    }

    private static String describe(Map<String, SecretException> failures, int total) {
        StringBuilder sb = new StringBuilder("cannot resolve ").append(failures.size()).append(" of ").append(total)
                .append(failures.size() == 1 ? " secret: " : " secrets: ");
        String separator = "";
        for (Map.Entry<String, SecretException> f : failures.entrySet()) {
            sb.append(separator).append(f.getKey()).append(": ").append(f.getValue().getMessage());
            separator = "; ";
        }
        return sb.toString();
    }
}
