package dev.mcpsecrets.api;

/**
 * A reference string is not a valid reference: unknown scheme, empty body, bad syntax.
 * Always carries {@link Reason#MALFORMED}; falling back to another alternative will not help.
 *
 * @since 0.1
 */
public final class MalformedRefException extends SecretException {
    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * Creates an exception.
     *
     * @param shownReference the reference as it may be shown (already masked when it could be a secret)
     * @param position zero-based character position of the problem, or -1 when it concerns the whole text
     * @param problem what is wrong, as a sentence fragment
     */
    public MalformedRefException(String shownReference, int position, String problem) {
        super(Reason.MALFORMED, shownReference, describe(shownReference, position, problem));
        this.position = position;
    }

    /**
     * Zero-based position of the problem in the reference text, or -1.
     *
     * @return the position
     */
    public int position() {
        return position;
    }

    private static String describe(String shown, int position, String problem) {
        String where = position >= 0 ? " at column " + (position + 1) : "";
        return "malformed secret reference " + shown + where + ": " + problem;
    }
}
