package dev.mcpsecrets.policy;

import java.util.Objects;

/**
 * Describes a value by kind and length only, e.g. {@code "GitHub token, 40 characters"}: what
 * reports say about a secret instead of showing any of its characters.
 *
 * @since 0.1
 */
public final class ValueShape {
    private ValueShape() {
    }

    /**
     * Kind and length.
     *
     * @param kind what the value is, e.g. {@code "GitHub fine-grained token"}; must not be derived
     *     from the value's characters beyond its format
     * @param value the value; only its length is used
     * @return e.g. {@code "GitHub fine-grained token, 93 characters"}
     */
    public static String describe(String kind, CharSequence value) {
        Objects.requireNonNull(kind, "kind");
        int length = Objects.requireNonNull(value, "value").length();
        return kind + ", " + length + (length == 1 ? " character" : " characters");
    }

    /**
     * Kind (from the character classes) and length, for values of no known format.
     *
     * @param value the value; only its character classes and length are used
     * @return e.g. {@code "hex string, 64 characters"}
     */
    public static String describe(CharSequence value) {
        return describe(characterClass(value), value);
    }

    /**
     * The character class of a value: {@code empty}, {@code digits}, {@code hex string},
     * {@code alphanumeric string}, {@code base64-like string} or {@code text}.
     *
     * @param value the value
     * @return the class name
     */
    public static String characterClass(CharSequence value) {
        Objects.requireNonNull(value, "value");
        if (value.length() == 0) {
            return "empty";
        }
        boolean digits = true;
        boolean hex = true;
        boolean alnum = true;
        boolean base64 = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean isDigit = c >= '0' && c <= '9';
            boolean isHexLetter = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            digits &= isDigit;
            hex &= isDigit || isHexLetter;
            alnum &= isDigit || isLetter;
            base64 &= isDigit || isLetter || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
        }
        if (digits) {
            return "digits";
        }
        if (hex) {
            return "hex string";
        }
        if (alnum) {
            return "alphanumeric string";
        }
        return base64 ? "base64-like string" : "text";
    }
}
