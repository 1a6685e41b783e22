package dev.mcpsecrets.spring;

import dev.mcpsecrets.api.Reason;
import java.util.List;
import java.util.Objects;

/**
 * Thrown at startup when property values that are secret references cannot be resolved. Names every
 * failing property, where it was set and its reference, never a value; Spring Boot's failure analysis
 * shows it instead of a stack trace.
 *
 * @since 0.1
 */
public final class SecretPropertyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One property whose reference could not be resolved.
     *
     * @param property the property name, e.g. {@code github.token}
     * @param origin where it was set, e.g. {@code class path resource [application.yml] - 3:12}
     * @param reference the reference expression (without the {@code secret:} prefix); for a malformed one
     *     only its length, e.g. {@code (34 characters, not shown)}: such text may be a pasted value
     * @param reason why it failed
     * @param detail what went wrong, from the provider; never a value
     * @since 0.1
     */
    public record Failure(String property, String origin, String reference, Reason reason, String detail) {
        /**
         * Validates the parts.
         *
         * @param property see the record
         * @param origin see the record
         * @param reference see the record
         * @param reason see the record
         * @param detail see the record
         */
        public Failure {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /**
         * One line for people: property, origin, reference, reason and detail.
         *
         * @return the line
         */
        public String describe() {
            return property + " (" + origin + ") -> " + reference + ": " + reason + " - " + detail;
        }
    }

    private final transient List<Failure> failures;

    /**
     * Creates the exception.
     *
     * @param failures the failing properties; must not be empty
     */
    public SecretPropertyException(List<Failure> failures) {
        super(message(failures));
        this.failures = List.copyOf(failures);
    }

    /**
     * The failing properties.
     *
     * @return the failures, in the order of the property sources
     */
    public List<Failure> failures() {
        return failures == null ? List.of() : failures;
    }

    private static String message(List<Failure> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("failures must not be empty");
        }
        StringBuilder sb = new StringBuilder("Cannot resolve ").append(failures.size())
                .append(failures.size() == 1 ? " secret reference" : " secret references")
                .append(" in Spring properties:");
        for (Failure f : failures) {
            sb.append(System.lineSeparator()).append("  ").append(f.describe());
        }
        return sb.toString();
    }
}
