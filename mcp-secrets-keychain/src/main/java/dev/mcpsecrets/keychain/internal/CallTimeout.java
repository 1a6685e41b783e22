package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** The deadline of one keychain call: 5 s unless {@code MCP_SECRETS_KEYCHAIN_TIMEOUT} says otherwise. */
final class CallTimeout {
    static final String VARIABLE = "MCP_SECRETS_KEYCHAIN_TIMEOUT";
    static final Duration DEFAULT = Duration.ofSeconds(5);

    private CallTimeout() {
    }

    /**
     * The configured per-call timeout.
     *
     * @param environment where {@code MCP_SECRETS_KEYCHAIN_TIMEOUT} is read ({@code 500ms}, {@code 2s},
     *     or ISO-8601 such as {@code PT2S})
     * @return the timeout
     * @throws SecretException MALFORMED when the variable is set to something else
     */
    static Duration from(Map<String, String> environment) throws SecretException {
        String text = environment.get(VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        Duration parsed = parse(text.strip().toLowerCase(Locale.ROOT));
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new SecretException(Reason.MALFORMED, null, "environment variable " + VARIABLE + "='" + text
                    + "' is not a positive duration; write e.g. 500ms, 5s or PT5S");
        }
        return parsed;
    }

    private static Duration parse(String text) {
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s") && !text.startsWith("p")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
