package dev.mcpsecrets.api;

/**
 * A reference string is not a valid reference: unknown scheme, empty body, bad syntax.
 * Always carries {@link Reason#MALFORMED}; falling back to another alternative will not help.
 *
 * @since 0.1
 */
public final class MalformedRefException extends SecretException {
    private static final long serialVersionUID = 1L;

    /** Zero-based character position of the problem, or -1 when it concerns the whole text. */
    private final int position;

    /**
     * Creates an exception.
     *
     * @param shownReference how the reference is described in the message: never its text when it is
     *     malformed (it may be a pasted value), e.g. {@link #notShown(int)}
     * @param position zero-based character position of the problem, or -1 when it concerns the whole text
     * @param problem what is wrong, as a sentence fragment
     */
    public MalformedRefException(String shownReference, int position, String problem) {
        super(Reason.MALFORMED, shownReference, describe(shownReference, position, problem));
        this.position = position;
    }

    /**
     * A malformed reference of a scheme a provider claims, described by its scheme and length: the
     * provider found the body invalid, so the body may be a pasted value and is not shown.
     *
     * @param ref the reference the provider rejected
     * @param position zero-based position of the problem in {@code ref.format()}, or -1
     * @param problem what is wrong, without quoting the reference
     * @return the exception
     * @since 0.1
     */
    public static MalformedRefException of(SecretRef ref, int position, String problem) {
        return new MalformedRefException("'" + ref.scheme() + ":' " + notShown(ref.format().length()), position, problem);
    }

    /**
     * How a reference that may be a pasted value is named in messages: by its length only.
     *
     * @param length the length of the text
     * @return e.g. {@code (34 characters, not shown)}
     * @since 0.1
     */
    public static String notShown(int length) {
        return "(" + length + (length == 1 ? " character" : " characters") + ", not shown)";
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
