package dev.mcpsecrets.policy.checks.internal.scan;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One secret format from the rule data: a regex, the group that is the secret, the keywords that
 * must occur nearby for the regex to be tried, and the minimum entropy of the secret.
 *
 * @param id stable id, e.g. {@code github-token}
 * @param kind what the secret is, for reports, e.g. {@code GitHub token}
 * @param pattern the compiled regex
 * @param secretGroup the group holding the secret (0 for the whole match)
 * @param keywords lowercase prefilter keywords
 * @param minEntropy minimum Shannon entropy in bits per character
 * @param multiline whether the match may span lines (the regex then sees a few following lines)
 * @param lookbehind how many characters before its keyword a match may start (0: at the keyword)
 * @param gate characters of which one must follow the keyword for the regex to be tried (empty: none)
 * @param gateWithin how many characters after the keyword the gate character may be
 * @param needs character classes the secret must each contain at least once: {@code a} a lower-case
 *     letter, {@code A} an upper-case letter, {@code 0} a digit (empty: none), which keeps identifiers
 *     such as {@code test_someFunctionName} out of formats that share their prefix
 * @param checksum the vendor checksum the secret carries ({@link Checksum#NONE} for none)
 */
public record SecretRule(String id, String kind, Pattern pattern, int secretGroup, List<String> keywords,
        double minEntropy, boolean multiline, int lookbehind, String gate, int gateWithin, String needs,
        Checksum checksum) {
    /** Above this share of letters in capitalised words, a mixed-case value is an identifier. */
    static final double CAMEL_CASE_SHARE = 0.75;

    /**
     * Validates the parts.
     *
     * @param id the id
     * @param kind the kind
     * @param pattern the regex
     * @param secretGroup the secret group
     * @param keywords the keywords
     * @param minEntropy the entropy threshold
     * @param multiline whether multiline
     * @param lookbehind the characters a match may start before its keyword
     * @param gate the gate characters
     * @param gateWithin the gate distance
     * @param needs the character classes the secret must contain
     * @param checksum the vendor checksum
     */
    public SecretRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        keywords = List.copyOf(keywords);
        if (keywords.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " needs at least one keyword");
        }
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(checksum, "checksum");
        if (!needs.matches("[aA0]*")) {
            throw new IllegalArgumentException("rule " + id + ": needs may only hold a, A and 0");
        }
        if (lookbehind < 0 || gateWithin < 0) {
            throw new IllegalArgumentException("rule " + id + " has a negative lookbehind or gateWithin");
        }
        if (secretGroup < 0 || secretGroup > pattern.matcher("").groupCount()) {
            throw new IllegalArgumentException("rule " + id + " has no group " + secretGroup);
        }
    }

    /**
     * Whether the secret holds a character of each class in {@link #needs}, and, where upper case is
     * needed, is not mostly capitalised words.
     *
     * @param text the scanned text
     * @param start the secret's first index
     * @param end the index after its last
     * @return {@code true} if every needed class occurs
     */
    boolean hasNeededClasses(CharSequence text, int start, int end) {
        if (needs.isEmpty()) {
            return true;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
        }
        boolean classes = (lower || needs.indexOf('a') < 0) && (upper || needs.indexOf('A') < 0)
                && (digit || needs.indexOf('0') < 0);
        // a format of random mixed case is not a CamelCase identifier that happens to share its prefix
        return classes && (needs.indexOf('A') < 0 || Entropy.camelCaseShare(text, start, end) < CAMEL_CASE_SHARE);
    }

    /** Whether this is the catch-all rule for credential-named assignments. */
    boolean isGeneric() {
        return id.startsWith("generic-");
    }
}
