package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.engine.ReportFormat;
import dev.mcpsecrets.policy.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The typed values of {@code --format}, {@code --fail-on} and {@code --profile}: converters and their
 * completion candidates. A rejected value is never repeated in the error (picocli's own enum converter
 * says "but was '...'"): text given where an option value belongs may be a pasted secret. picocli
 * prints "Invalid value for option '--fail-on': " before the message.
 */
final class OptionTypes {
    private OptionTypes() {
    }

    /** {@code text}, {@code json} or {@code sarif}, case-insensitive. */
    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            for (ReportFormat f : ReportFormat.values()) {
                if (f.label().equalsIgnoreCase(value.strip())) {
                    return f;
                }
            }
            throw expected(new FormatCandidates());
        }
    }

    /** The format names, for completion and {@code ${COMPLETION-CANDIDATES}} in help. */
    static final class FormatCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (ReportFormat f : ReportFormat.values()) {
                names.add(f.label());
            }
            return names.iterator();
        }
    }

    /** {@code info} to {@code critical}, case-insensitive. */
    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            Severity s = severityOrNull(value);
            if (s == null) {
                throw expected(new SeverityCandidates());
            }
            return s;
        }
    }

    /** The severity names from lowest to highest. */
    static final class SeverityCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (Severity s : Severity.values()) {
                names.add(s.label());
            }
            return names.iterator();
        }
    }

    /**
     * A URL. The given text is never repeated: the JDK's parse error quotes it, and a URL may carry a
     * token ({@code https://user:token@host}).
     */
    static final class UrlConverter implements ITypeConverter<java.net.URI> {
        @Override
        public java.net.URI convert(String value) {
            try {
                return new java.net.URI(value);
            } catch (java.net.URISyntaxException e) {
                throw new TypeConversionException("not a valid URL (" + value.length()
                        + " characters, not shown; character " + (e.getIndex() + 1) + " is not allowed there)");
            }
        }
    }

    /** A profile name or alias ({@code prod}); other names of letters, digits, '-' and '_' too. */
    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            Profile p = profileOrNull(value);
            if (p == null) {
                throw new TypeConversionException("expected development, staging, production (or dev, stg, prod), "
                        + "or another name of letters, digits, '-' and '_'");
            }
            return p;
        }
    }

    /** The standard profiles; others are allowed but not offered. */
    static final class ProfileCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(Profile.DEVELOPMENT.name(), Profile.STAGING.name(), Profile.PRODUCTION.name()).iterator();
        }
    }

    /** The severity a value names, or {@code null} (also for the launch path, which has no picocli). */
    static Severity severityOrNull(String value) {
        for (Severity s : Severity.values()) {
            if (s.label().equalsIgnoreCase(value.strip())) {
                return s;
            }
        }
        return null;
    }

    /** The profile a value names, or {@code null} when it is no valid name. */
    static Profile profileOrNull(String value) {
        try {
            return Profile.of(value);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    private static TypeConversionException expected(Iterable<String> candidates) {
        return new TypeConversionException("expected one of " + String.join(", ", candidates) + " (case-insensitive)");
    }
}
