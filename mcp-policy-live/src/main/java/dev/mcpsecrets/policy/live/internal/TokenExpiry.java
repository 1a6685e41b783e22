package dev.mcpsecrets.policy.live.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads GitHub's {@code github-authentication-token-expiration} header, documented as
 * {@code 2024-06-01 00:00:00 UTC}; a numeric offset ({@code -0400}) and ISO-8601 are accepted too.
 */
final class TokenExpiry {
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

    private TokenExpiry() {
    }

    static Optional<Instant> parse(String header) {
        String t = header.strip();
        try {
            if (t.endsWith(" UTC")) {
                t = t.substring(0, t.length() - 4) + " +0000";
            }
            if (t.length() > 10 && t.charAt(10) == 'T') {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(t, WITH_OFFSET).withOffsetSameInstant(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
