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
 */
public record SecretRule(String id, String kind, Pattern pattern, int secretGroup, List<String> keywords,
        double minEntropy, boolean multiline, int lookbehind, String gate, int gateWithin) {

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
        if (lookbehind < 0 || gateWithin < 0) {
            throw new IllegalArgumentException("rule " + id + " has a negative lookbehind or gateWithin");
        }
        if (secretGroup < 0 || secretGroup > pattern.matcher("").groupCount()) {
            throw new IllegalArgumentException("rule " + id + " has no group " + secretGroup);
        }
    }

    /** Whether this is the catch-all rule for credential-named assignments. */
    boolean isGeneric() {
        return id.startsWith("generic-");
    }
}
