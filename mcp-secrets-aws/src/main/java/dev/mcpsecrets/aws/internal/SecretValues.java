package dev.mcpsecrets.aws.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a secret version into the value a reference asks for. {@code SecretString} is used as it is;
 * {@code SecretBinary} is read as UTF-8 text and refused when it is not (a value handed to a server
 * through its environment is text; binary data belongs base64-encoded in {@code SecretString}). With
 * {@code #KEY} the text must be a JSON object (as the console's key/value secrets are) and the key's
 * value a string, number or boolean. No message repeats the value or the parser's view of it.
 */
final class SecretValues {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SecretValues() {
    }

    /**
     * Selects the value.
     *
     * @param secretString the version's {@code SecretString}, or {@code null}
     * @param secretBinary the version's {@code SecretBinary} (a copy this method wipes), or {@code null}
     * @param ref what is asked for
     * @param origin where the value came from, for the secret's origin
     * @return the secret
     * @throws SecretException NOT_FOUND when the version or key holds no text value, UNAVAILABLE for
     *     binary data that is not UTF-8
     */
    static Secret select(String secretString, byte[] secretBinary, AwsReference ref, String origin)
            throws SecretException {
        char[] text = null;
        try {
            if (secretString != null) {
                text = secretString.toCharArray();
            } else if (secretBinary != null) {
                text = utf8(secretBinary, ref);
            } else {
                throw new SecretException(Reason.NOT_FOUND, ref.text(), "the secret's " + ref.describeVersion()
                        + " holds neither SecretString nor SecretBinary");
            }
            if (ref.key() == null) {
                if (text.length == 0) {
                    throw new SecretException(Reason.NOT_FOUND, ref.text(), "the secret's value is empty");
                }
                return withOrigin(Secret.of(text), origin);
            }
            return withOrigin(Secret.of(keyValue(text, ref)), origin);
        } finally {
            if (text != null) {
                Arrays.fill(text, '\0');
            }
            if (secretBinary != null) {
                Arrays.fill(secretBinary, (byte) 0);
            }
        }
    }

    /** The copy with the origin; the plain one is zeroed, as nobody else would. */
    private static Secret withOrigin(Secret plain, String origin) {
        try {
            return plain.withOrigin(origin);
        } finally {
            plain.destroy();
        }
    }

    private static String keyValue(char[] text, AwsReference ref) throws SecretException {
        JsonNode tree;
        try {
            tree = JSON.readTree(new java.io.CharArrayReader(text));
        } catch (IOException e) {
            throw new SecretException(Reason.NOT_FOUND, ref.text(), "the secret's value is not a JSON object, so it "
                    + "has no key '" + ref.key() + "' (" + (e.getMessage() != null && e.getMessage().contains("Duplicate")
                            ? "a key appears twice" : "it does not parse as JSON") + "); drop #" + ref.key()
                    + " to get the whole value");
        }
        if (tree == null || !tree.isObject()) {
            throw new SecretException(Reason.NOT_FOUND, ref.text(), "the secret's value is not a JSON object, so it "
                    + "has no key '" + ref.key() + "'; drop #" + ref.key() + " to get the whole value");
        }
        JsonNode value = tree.get(ref.key());
        if (value == null || value.isNull()) {
            throw new SecretException(Reason.NOT_FOUND, ref.text(), "the secret's JSON has no key '" + ref.key()
                    + "' (" + tree.size() + " keys; key names are case-sensitive)");
        }
        if (!value.isValueNode()) {
            throw new SecretException(Reason.NOT_FOUND, ref.text(), "key '" + ref.key() + "' holds a JSON "
                    + (value.isArray() ? "array" : "object") + ", not a string, number or boolean");
        }
        String out = value.asText();
        if (out.isEmpty()) {
            throw new SecretException(Reason.NOT_FOUND, ref.text(), "key '" + ref.key() + "' holds an empty string");
        }
        return out;
    }

    private static char[] utf8(byte[] bytes, AwsReference ref) throws SecretException {
        CharBuffer decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new SecretException(Reason.UNAVAILABLE, ref.text(), "the secret holds SecretBinary data that is "
                    + "not UTF-8 text (" + bytes.length + " bytes); values are handed out as text, so store binary "
                    + "data base64-encoded in SecretString");
        }
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return chars;
    }
}
