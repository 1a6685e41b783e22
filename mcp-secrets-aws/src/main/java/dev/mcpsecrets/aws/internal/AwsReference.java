package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.SecretRef;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code aws-sm:} reference: {@code aws-sm:NAME_OR_ARN[?stage=LABEL|?version=ID][#JSON_KEY]}.
 *
 * <p>The secret is named as Secrets Manager takes a {@code SecretId}: a name (ASCII letters, digits and
 * {@code /_+=.@-}) or an ARN ({@code arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX},
 * whose colons are part of the body: the reference's scheme ends at its first colon). Neither may hold
 * {@code ?} or {@code #}, so both separate the parts without escaping: the query comes first, as in a URL,
 * and everything after the first {@code #} is the JSON key.
 *
 * @param secretId the name or ARN
 * @param stage the version stage label, or {@code null}
 * @param version the version ID, or {@code null}
 * @param key the top-level JSON key whose value is wanted, or {@code null} for the whole value
 */
record AwsReference(String secretId, String stage, String version, String key) {
    /** The scheme. */
    static final String SCHEME = "aws-sm";
    /** The stage a reference without {@code ?stage} or {@code ?version} reads. */
    static final String CURRENT = "AWSCURRENT";
    private static final int MAX_ID = 2048;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):([0-9]{12}):secret:([A-Za-z0-9/_+=.@-]{1,512})");
    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,256}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9-]{32,64}");

    /**
     * Parses a reference of the {@code aws-sm} scheme.
     *
     * @param ref the reference
     * @return the parts
     * @throws MalformedRefException if the body breaks the rules above; the message gives the scheme and
     *     length only, as the body may be a value pasted by mistake
     */
    static AwsReference parse(SecretRef ref) throws MalformedRefException {
        if (!SCHEME.equals(ref.scheme())) {
            throw MalformedRefException.of(ref, 0, "not an aws-sm: reference");
        }
        String body = ref.body();
        int offset = SCHEME.length() + 1;
        int hash = body.indexOf('#');
        String head = hash < 0 ? body : body.substring(0, hash);
        String key = hash < 0 ? null : body.substring(hash + 1);
        int question = head.indexOf('?');
        String id = question < 0 ? head : head.substring(0, question);
        String idProblem = idProblem(id);
        if (idProblem != null) {
            throw MalformedRefException.of(ref, offset, idProblem);
        }
        String stage = null;
        String version = null;
        if (question >= 0) {
            String query = head.substring(question + 1);
            int at = offset + question + 1;
            if (query.startsWith("stage=")) {
                stage = query.substring("stage=".length());
                if (!STAGE.matcher(stage).matches()) {
                    throw MalformedRefException.of(ref, at, "?stage= needs a staging label such as "
                            + "AWSCURRENT, AWSPREVIOUS or AWSPENDING (letters, digits and /_+=.@-, at most 256)");
                }
            } else if (query.startsWith("version=")) {
                version = query.substring("version=".length());
                if (!VERSION.matcher(version).matches()) {
                    throw MalformedRefException.of(ref, at, "?version= needs a version ID (32 to 64 "
                            + "letters, digits or '-', e.g. the UUID 'aws secretsmanager list-secret-version-ids' shows)");
                }
            } else {
                throw MalformedRefException.of(ref, at, "after '?' write stage=LABEL or version=ID "
                        + "(one of them; '&' is not supported)");
            }
        }
        if (key != null) {
            if (key.isEmpty()) {
                throw MalformedRefException.of(ref, offset + hash + 1,
                        "nothing after '#': write #KEY for a key of the secret's JSON, or drop the '#'");
            }
            if (key.contains("?stage=") || key.contains("?version=")) {
                throw MalformedRefException.of(ref, offset + hash + 1,
                        "put ?stage= or ?version= before #KEY: everything after '#' is the JSON key");
            }
        }
        return new AwsReference(id, stage, version, key);
    }

    /**
     * What is wrong with a secret name or ARN, or {@code null} if it is valid. Never repeats it.
     *
     * @param id the name or ARN
     * @return a sentence fragment, or {@code null}
     */
    static String idProblem(String id) {
        if (id.isEmpty()) {
            return "no secret name; write aws-sm:NAME or aws-sm:ARN, e.g. aws-sm:prod/db";
        }
        if (id.length() > MAX_ID) {
            return "the secret name or ARN is longer than " + MAX_ID + " characters";
        }
        if (id.startsWith("arn:")) {
            return ARN.matcher(id).matches() ? null
                    : "not a Secrets Manager ARN; expected arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME";
        }
        return NAME.matcher(id).matches() ? null
                : "secret names have 1 to 512 ASCII letters, digits and /_+=.@- characters";
    }

    /**
     * The region an ARN names.
     *
     * @return the region, or {@code null} for a plain name
     */
    String arnRegion() {
        Matcher m = ARN.matcher(secretId);
        return m.matches() ? m.group(2) : null;
    }

    /**
     * Whether {@code BatchGetSecretValue} can answer it: the batch call reads only the current version.
     *
     * @return {@code true} for the current version
     */
    boolean batchable() {
        return version == null && (stage == null || CURRENT.equals(stage));
    }

    /**
     * The reference text, as written in canonical form.
     *
     * @return e.g. {@code aws-sm:prod/db?stage=AWSPREVIOUS#password}
     */
    String text() {
        return SCHEME + ":" + secretId + (stage != null ? "?stage=" + stage : "")
                + (version != null ? "?version=" + version : "") + (key != null ? "#" + key : "");
    }

    /**
     * Which version is asked for, for messages.
     *
     * @return e.g. {@code "stage AWSPREVIOUS"}
     */
    String describeVersion() {
        if (version != null) {
            return "version " + version;
        }
        return "stage " + (stage != null ? stage : CURRENT);
    }
}
