package dev.mcpsecrets.policy.checks.internal.logs;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The values of the user's own secret references, held only as long as a search needs them: the
 * references named by trusted configs are resolved, each value becomes patterns of a {@link ValueMatcher}
 * (its UTF-8 bytes, and its JSON-escaped form when that differs, since transcripts are JSON), the
 * {@link Secret}s are destroyed and the byte copies zeroed at once, and {@link #close()} zeroes the
 * matcher. What stays is the reference and the keyed fingerprint of each value.
 */
public final class KnownValues implements AutoCloseable {
    /** Values shorter than this are not searched: they would match ordinary text. */
    public static final int MIN_VALUE_BYTES = 8;

    /**
     * What is known about one searched value.
     *
     * @param references the references that resolve to it, e.g. {@code keychain:github}
     * @param fingerprint the short keyed fingerprint
     */
    public record Value(List<String> references, String fingerprint) {
        /**
         * Copies the list.
         *
         * @param references the references
         * @param fingerprint the fingerprint
         */
        public Value {
            references = List.copyOf(references);
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /** The first reference, for the redaction marker (characters that could end it are replaced). */
        String label() {
            return references.get(0).replaceAll("[^A-Za-z0-9:/._@#+-]", "_");
        }
    }

    private final ValueMatcher matcher;
    private final List<Value> byPattern;
    private final List<String> notSearched;

    private KnownValues(ValueMatcher matcher, List<Value> byPattern, List<String> notSearched) {
        this.matcher = matcher;
        this.byPattern = List.copyOf(byPattern);
        this.notSearched = List.copyOf(notSearched);
    }

    /**
     * The references of the trusted configs in a context ({@link PolicyContext#mayResolveNamedValuesAt}):
     * those in server entries' environment, headers, command lines and URLs, and those handed to
     * {@code mcp-secrets run --env NAME=REF}. References in configs the user has not trusted are left out,
     * so a cloned repository cannot choose which of the user's secrets get resolved.
     *
     * @param context the context
     * @param schemes the schemes that make a value a reference
     * @return the references, in config order, each once
     */
    public static Set<String> trustedReferences(PolicyContext context, Set<String> schemes) {
        Set<String> refs = new LinkedHashSet<>();
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                List<JsonValue.StringValue> values = new ArrayList<>(server.credentialCarriers());
                for (JsonValue.StringValue v : values) {
                    if (!context.mayResolveNamedValuesAt(v.location())) {
                        continue;
                    }
                    String text = v.value().strip();
                    int eq = text.indexOf('=');
                    if (SecretRef.isReferenceExpression(text, schemes)) {
                        refs.add(text);
                    } else if (eq > 0 && SecretRef.isReferenceExpression(text.substring(eq + 1).strip(), schemes)) {
                        refs.add(text.substring(eq + 1).strip()); // run --env NAME=REF
                    }
                }
            }
        }
        return refs;
    }

    /**
     * References in configs the user has not trusted (counted for the report; never resolved).
     *
     * @param context the context
     * @param schemes the schemes
     * @return how many
     */
    public static int untrustedReferences(PolicyContext context, Set<String> schemes) {
        int n = 0;
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                for (JsonValue.StringValue v : server.credentialCarriers()) {
                    if (!context.mayResolveNamedValuesAt(v.location()) && SecretRef.isReferenceExpression(v.value().strip(), schemes)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /**
     * Resolves references and builds the matcher. A reference that cannot be resolved, or whose value is
     * too short or too long to search, is listed in {@link #notSearched()} with the reason.
     *
     * @param references the references
     * @param secrets resolves them
     * @param fingerprinter fingerprints the values
     * @return the values, to be closed after the search
     */
    public static KnownValues resolve(Set<String> references, Secrets secrets, KeyedFingerprinter fingerprinter) {
        Map<String, Secret> resolved = new LinkedHashMap<>();
        List<String> notSearched = new ArrayList<>();
        try {
            for (String ref : references) {
                try {
                    resolved.put(ref, secrets.resolve(ref));
                } catch (SecretException e) {
                    notSearched.add(ref + " (could not be resolved: " + e.reason() + ")");
                }
            }
            return of(resolved, fingerprinter, notSearched);
        } finally {
            resolved.values().forEach(KnownValues::destroy);
        }
    }

    /**
     * Builds the matcher from values already resolved; the caller destroys the secrets.
     *
     * @param values reference to value
     * @param fingerprinter fingerprints the values
     * @param notSearched references already left out, with the reason
     * @return the values, to be closed after the search
     */
    public static KnownValues of(Map<String, Secret> values, KeyedFingerprinter fingerprinter, List<String> notSearched) {
        Map<String, List<String>> refsByFingerprint = new LinkedHashMap<>();
        Map<String, byte[]> bytesByFingerprint = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>(notSearched);
        try {
            for (Map.Entry<String, Secret> e : values.entrySet()) {
                byte[] bytes = e.getValue().revealUtf8();
                if (bytes.length < MIN_VALUE_BYTES || bytes.length > ValueMatcher.MAX_PATTERN_BYTES) {
                    skipped.add(e.getKey() + " (its value is " + (bytes.length < MIN_VALUE_BYTES ? "shorter than "
                            + MIN_VALUE_BYTES : "longer than " + ValueMatcher.MAX_PATTERN_BYTES) + " bytes; not searched)");
                    Arrays.fill(bytes, (byte) 0);
                    continue;
                }
                String fp = KeyedFingerprinter.shortForm(fingerprinter.fingerprint(e.getValue()));
                refsByFingerprint.computeIfAbsent(fp, k -> new ArrayList<>()).add(e.getKey());
                byte[] previous = bytesByFingerprint.putIfAbsent(fp, bytes);
                if (previous != null) {
                    Arrays.fill(bytes, (byte) 0);
                }
            }
            List<byte[]> patterns = new ArrayList<>();
            List<Value> byPattern = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : bytesByFingerprint.entrySet()) {
                Value v = new Value(refsByFingerprint.get(e.getKey()), e.getKey());
                patterns.add(e.getValue());
                byPattern.add(v);
                byte[] escaped = jsonEscaped(e.getValue());
                if (escaped != null) {
                    patterns.add(escaped);
                    byPattern.add(v);
                }
            }
            try {
                return new KnownValues(new ValueMatcher(patterns), byPattern, skipped);
            } finally {
                patterns.forEach(p -> Arrays.fill(p, (byte) 0));
            }
        } finally {
            bytesByFingerprint.values().forEach(b -> Arrays.fill(b, (byte) 0));
        }
    }

    /** The value as it appears inside a JSON string, or {@code null} when that is the value itself. */
    static byte[] jsonEscaped(byte[] utf8) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(utf8.length + 16);
        boolean changed = false;
        for (byte b : utf8) {
            int c = b & 0xff;
            String esc = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 ? String.format("\\u%04x", c) : null;
            };
            if (esc == null) {
                out.write(c);
            } else {
                changed = true;
                out.writeBytes(esc.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!changed) {
            return null;
        }
        byte[] result = out.toByteArray();
        // the stream's own buffer holds the value too
        out.reset();
        out.writeBytes(new byte[result.length]);
        return result.length <= ValueMatcher.MAX_PATTERN_BYTES ? result : null;
    }

    private static void destroy(Secret s) {
        s.destroy();
    }

    /**
     * The matcher over every searched value.
     *
     * @return the matcher
     */
    public ValueMatcher matcher() {
        return matcher;
    }

    /**
     * What pattern {@code i} is.
     *
     * @param pattern the pattern index the matcher reported
     * @return the value's references and fingerprint
     */
    public Value value(int pattern) {
        return byPattern.get(pattern);
    }

    /**
     * How many distinct values are searched.
     *
     * @return the count
     */
    public int searched() {
        return (int) byPattern.stream().map(Value::fingerprint).distinct().count();
    }

    /**
     * References left out, each with the reason (never a value).
     *
     * @return the list
     */
    public List<String> notSearched() {
        return notSearched;
    }

    /** Zeroes the matcher's tables. */
    @Override
    public void close() {
        matcher.close();
    }

    @Override
    public String toString() {
        return "KnownValues[" + searched() + " values searched, " + notSearched.size() + " not]";
    }
}
