package dev.mcpsecrets.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * No provider could deliver the secret: nothing claimed the scheme, every provider that did was
 * unavailable, or every alternative of a fallback chain failed. Lists each attempt and its reason.
 *
 * @since 0.1
 */
public final class NoSuitableProviderException extends SecretException {
    private static final long serialVersionUID = 1L;

    /**
     * One try of one provider (or of none, when nothing claimed the reference).
     *
     * @param reference the reference tried
     * @param providerId the provider tried, or {@code "-"} when none claimed it
     * @param reason why it did not deliver
     * @param detail a sentence for humans, never a value
     * @since 0.1
     */
    public record Attempt(String reference, String providerId, Reason reason, String detail) {
        /**
         * Validates the fields.
         *
         * @param reference the reference tried
         * @param providerId the provider tried
         * @param reason why it did not deliver
         * @param detail a sentence for humans
         */
        public Attempt {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return reference + " via " + providerId + ": " + reason + " (" + detail + ")";
        }
    }

    private final transient List<Attempt> attempts;

    /**
     * Creates the exception.
     *
     * @param reference the whole reference expression that failed
     * @param attempts what was tried, in order; must not be empty
     */
    public NoSuitableProviderException(String reference, List<Attempt> attempts) {
        super(decisiveReason(attempts), reference, describe(reference, attempts));
        this.attempts = List.copyOf(attempts);
    }

    /**
     * What was tried, in order.
     *
     * @return the attempts
     */
    public List<Attempt> attempts() {
        return attempts == null ? List.of() : attempts;
    }

    /** The last attempt decides: it is the one the user would fix first after the earlier fallbacks. */
    private static Reason decisiveReason(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("attempts must not be empty");
        }
        return attempts.get(attempts.size() - 1).reason();
    }

    private static String describe(String reference, List<Attempt> attempts) {
        if (attempts.size() == 1) {
            Attempt only = attempts.get(0);
            return "cannot resolve " + reference + ": " + only.reason() + " - " + only.detail()
                    + ("-".equals(only.providerId()) ? "" : " [" + only.providerId() + "]");
        }
        return "cannot resolve " + reference + "; tried "
                + attempts.stream().map(Attempt::toString).collect(Collectors.joining("; "));
    }
}
