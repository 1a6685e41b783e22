package dev.mcpsecrets.policy.checks.internal.scan;

import dev.mcpsecrets.policy.config.JsonDialect;
import dev.mcpsecrets.policy.config.JsonDocument;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The secret formats, the rules for credential-named values and the placeholder allowlist, read
 * from the data file {@code secret-rules.json} next to this class. Immutable and thread-safe.
 */
public final class SecretRuleSet {
    private static final String RESOURCE = "secret-rules.json";
    private static final SecretRuleSet BUILT_IN = load();
    /** A JWT payload longer than this (base64url characters) is not read; the format rule allows 2,000. */
    private static final int MAX_JWT_PAYLOAD = 4096;
    private static final Path JWT_PAYLOAD = Path.of("jwt-payload");
    /**
     * A template variable as the whole value, where a document or a template leaves the secret to be filled in:
     * {@code ${name}}, {@code {{name}}}, {@code {name}}, {@code %NAME%}, {@code $NAME} (upper case only, so that a
     * password that starts with {@code $} still counts).
     */
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\$\\{[^{}]{1,128}\\}|\\{\\{[^{}]{1,128}\\}\\}"
            + "|\\{[A-Za-z_][A-Za-z0-9_.-]{0,127}\\}|%[A-Za-z_][A-Za-z0-9_]{0,127}%|\\$[A-Z_][A-Z0-9_]{0,127}");

    private final List<SecretRule> rules;
    private final Pattern secretName;
    private final Pattern notSecretName;
    private final Pattern passwordName;
    private final int minLength;
    private final int passwordMinLength;
    private final double fieldEntropy;
    private final double placeholderShare;
    private final List<String> stopwords;
    private final Set<String> publishedExamples;
    private final List<Map<String, String>> publicJwtClaims;

    private SecretRuleSet(List<SecretRule> rules, Pattern secretName, Pattern notSecretName, Pattern passwordName,
            int minLength, int passwordMinLength, double fieldEntropy, double placeholderShare, List<String> stopwords,
            Set<String> publishedExamples, List<Map<String, String>> publicJwtClaims) {
        this.rules = List.copyOf(rules);
        this.secretName = secretName;
        this.notSecretName = notSecretName;
        this.passwordName = passwordName;
        this.minLength = minLength;
        this.passwordMinLength = passwordMinLength;
        this.fieldEntropy = fieldEntropy;
        this.placeholderShare = placeholderShare;
        this.stopwords = List.copyOf(stopwords);
        this.publishedExamples = Set.copyOf(publishedExamples);
        this.publicJwtClaims = List.copyOf(publicJwtClaims);
    }

    /**
     * The rules shipped with this library.
     *
     * @return the built-in rule set
     */
    public static SecretRuleSet builtIn() {
        return BUILT_IN;
    }

    private static SecretRuleSet load() {
        try (InputStream in = SecretRuleSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from mcp-policy");
            }
            return parse(JsonReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(RESOURCE),
                    JsonDialect.STRICT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads a rule data file.
     *
     * @param document the parsed file
     * @return the rule set
     * @throws IllegalArgumentException naming the place of the first problem
     */
    public static SecretRuleSet parse(JsonDocument document) {
        if (!document.problems().isEmpty() || document.root().isEmpty()) {
            throw new IllegalArgumentException(document.file() + ": not valid JSON");
        }
        JsonValue.ObjectValue root = object(document.root().get());
        List<SecretRule> rules = new ArrayList<>();
        for (JsonValue v : array(root, "rules")) {
            JsonValue.ObjectValue r = object(v);
            String id = string(r, "id");
            Pattern pattern;
            try {
                pattern = Pattern.compile(string(r, "regex"));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(r.location().display() + ": rule " + id + " has a bad regex: "
                        + e.getDescription(), e);
            }
            List<String> keywords = new ArrayList<>();
            for (JsonValue k : array(r, "keywords")) {
                keywords.add(k.asString().orElseThrow(() -> bad(k, "keywords must be strings")).value()
                        .toLowerCase(Locale.ROOT));
            }
            Checksum checksum;
            try {
                checksum = Checksum.of(optionalString(r, "checksum"));
            } catch (IllegalArgumentException e) {
                throw bad(r, "rule " + id + " names an unknown checksum");
            }
            try {
                rules.add(new SecretRule(id, string(r, "kind"), pattern, (int) number(r, "secretGroup", 0), keywords,
                        number(r, "entropy", 0), r.get("multiline").filter(m -> m instanceof JsonValue.BooleanValue b
                                && b.value()).isPresent(), (int) number(r, "lookbehind", 0), optionalString(r, "gate"),
                        (int) number(r, "gateWithin", 0), optionalString(r, "needs"), checksum));
            } catch (IllegalArgumentException e) {
                throw bad(r, e.getMessage());
            }
        }
        JsonValue.ObjectValue fields = root.getObject("fields").orElseThrow(() -> bad(root, "\"fields\" is missing"));
        JsonValue.ObjectValue allow = root.getObject("allowlist").orElseThrow(() -> bad(root, "\"allowlist\" is missing"));
        List<String> stopwords = new ArrayList<>();
        for (JsonValue s : array(allow, "stopwords")) {
            stopwords.add(s.asString().orElseThrow(() -> bad(s, "stopwords must be strings")).value()
                    .toLowerCase(Locale.ROOT));
        }
        Set<String> examples = new HashSet<>();
        if (allow.get("publishedExamples").isPresent()) {
            for (JsonValue s : array(allow, "publishedExamples")) {
                examples.add(s.asString().orElseThrow(() -> bad(s, "publishedExamples must be strings")).value());
            }
        }
        List<Map<String, String>> publicJwts = new ArrayList<>();
        if (allow.get("publicJwtClaims").isPresent()) {
            for (JsonValue c : array(allow, "publicJwtClaims")) {
                if (!(c instanceof JsonValue.ObjectValue claims)) {
                    throw bad(c, "publicJwtClaims must be objects");
                }
                Map<String, String> wanted = new LinkedHashMap<>();
                claims.asMap().forEach((name, value) -> wanted.put(name, value.asString()
                        .orElseThrow(() -> bad(value, "publicJwtClaims values must be strings")).value()));
                if (wanted.isEmpty()) {
                    throw bad(c, "a publicJwtClaims entry needs at least one claim");
                }
                publicJwts.add(Map.copyOf(wanted));
            }
        }
        return new SecretRuleSet(rules, Pattern.compile(string(fields, "secretName")),
                Pattern.compile(string(fields, "notSecretName")), Pattern.compile(string(fields, "passwordName")),
                (int) number(fields, "minLength", 8), (int) number(fields, "passwordMinLength", 4),
                number(fields, "entropy", 3.0), number(allow, "placeholderShare", 0.6), stopwords, examples,
                publicJwts);
    }

    /**
     * The format rules in priority order.
     *
     * @return the rules
     */
    public List<SecretRule> rules() {
        return rules;
    }

    /**
     * Whether a variable, header or option name says its value is a credential.
     *
     * @param name e.g. {@code GITHUB_TOKEN}, {@code MYSQL_PASSWORD}, {@code Authorization}
     * @return {@code true} for credential-looking names
     */
    public boolean isSecretName(String name) {
        String n = stripDashes(name);
        return secretName.matcher(n).find() && !notSecretName.matcher(n).find();
    }

    /**
     * Whether a name says its value is a password (any non-placeholder value counts, however short
     * or simple, since weak passwords are still passwords).
     *
     * @param name the name
     * @return {@code true} for password-looking names
     */
    public boolean isPasswordName(String name) {
        return passwordName.matcher(stripDashes(name)).find() && !notSecretName.matcher(stripDashes(name)).find();
    }

    /**
     * Whether a literal value under a credential-looking name is a plaintext secret: long enough,
     * random enough (passwords: any), and not a placeholder.
     *
     * @param name the name
     * @param value the literal value, references already removed
     * @return {@code true} if it should be reported
     */
    public boolean isSecretValue(String name, String value) {
        String v = value.strip();
        if (v.isEmpty() || isPlaceholder(v) || isTrivial(v) || isPublic(v)) {
            return false;
        }
        if (isPasswordName(name)) {
            return v.length() >= passwordMinLength;
        }
        return v.length() >= minLength && Entropy.shannon(v) >= fieldEntropy;
    }

    /**
     * Whether a value is an obvious placeholder: a template variable as the whole value ({@code ${password}},
     * {@code {{pass}}}), mostly {@code x}, {@code *} or dots, or containing a stop word such as {@code example} or
     * {@code your_}.
     *
     * @param value the value
     * @return {@code true} for placeholders
     */
    public boolean isPlaceholder(CharSequence value) {
        if (TEMPLATE_VARIABLE.matcher(value).matches()) {
            return true;
        }
        int filler = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 'x' || c == 'X' || c == '*' || c == '.' || c == '#') {
                filler++;
            }
        }
        if (value.length() > 0 && filler >= placeholderShare * value.length()) {
            return true;
        }
        String lower = value.toString().toLowerCase(Locale.ROOT);
        if (lower.startsWith("<") && lower.endsWith(">")) {
            return true;
        }
        for (String stop : stopwords) {
            if (lower.contains(stop)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a value is one of the example keys that vendors publish in their documentation (and
     * that therefore appear in thousands of repositories without granting anything).
     *
     * @param value the value
     * @return {@code true} for a published example
     */
    public boolean isPublishedExample(CharSequence value) {
        return publishedExamples.contains(value.toString());
    }

    /**
     * Whether a value grants nothing by being known: a published example, or a token that is public by
     * design, a JSON Web Token whose claims include every claim of one {@code publicJwtClaims} entry
     * (a Supabase anon key: {@code "iss": "supabase", "role": "anon"}, shipped to every browser of the
     * project; what it may read is governed by row-level security). The signature is not checked: a
     * forged token with these claims is no more a secret than a real one.
     *
     * @param value the value
     * @return {@code true} if the value is public
     */
    public boolean isPublic(CharSequence value) {
        return isPublishedExample(value) || !publicJwtClaims.isEmpty() && isPublicJwt(value.toString());
    }

    private boolean isPublicJwt(String value) {
        int firstDot = value.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : value.indexOf('.', firstDot + 1);
        if (!value.startsWith("eyJ") || secondDot < 0 || value.indexOf('.', secondDot + 1) >= 0
                || secondDot - firstDot - 1 > MAX_JWT_PAYLOAD) {
            return false;
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(value.substring(firstDot + 1, secondDot)),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64Url) {
            return false;
        }
        Optional<JsonValue> root = JsonReader.parse(payload, JWT_PAYLOAD, JsonDialect.STRICT).root();
        if (root.isEmpty() || !(root.get() instanceof JsonValue.ObjectValue claims)) {
            return false;
        }
        for (Map<String, String> wanted : publicJwtClaims) {
            boolean all = true;
            for (Map.Entry<String, String> claim : wanted.entrySet()) {
                all &= claims.getString(claim.getKey()).filter(v -> v.value().equals(claim.getValue())).isPresent();
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTrivial(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") || lower.equals("null") || lower.equals("none")
                || lower.equals("undefined");
    }

    private static String stripDashes(String name) {
        String n = Objects.requireNonNull(name, "name");
        int i = 0;
        while (i < n.length() && n.charAt(i) == '-') {
            i++;
        }
        return n.substring(i);
    }

    private static JsonValue.ObjectValue object(JsonValue v) {
        return v.asObject().orElseThrow(() -> bad(v, "expected an object"));
    }

    private static List<JsonValue> array(JsonValue.ObjectValue o, String name) {
        return o.get(name).flatMap(JsonValue::asArray).orElseThrow(() -> bad(o, "\"" + name + "\" must be an array"))
                .elements();
    }

    private static String string(JsonValue.ObjectValue o, String name) {
        return o.getString(name).orElseThrow(() -> bad(o, "\"" + name + "\" must be a string")).value();
    }

    private static String optionalString(JsonValue.ObjectValue o, String name) {
        return o.get(name).map(v -> v.asString().orElseThrow(() -> bad(v, "\"" + name + "\" must be a string")).value())
                .orElse("");
    }

    private static double number(JsonValue.ObjectValue o, String name, double fallback) {
        return o.get(name).map(v -> {
            if (v instanceof JsonValue.NumberValue n) {
                return Double.parseDouble(n.text());
            }
            throw bad(v, "\"" + name + "\" must be a number");
        }).orElse(fallback);
    }

    private static IllegalArgumentException bad(JsonValue at, String message) {
        return new IllegalArgumentException(at.location().display() + " (" + at.pointer() + "): " + message);
    }

    @Override
    public String toString() {
        return "SecretRuleSet[" + rules.size() + " rules]";
    }
}
