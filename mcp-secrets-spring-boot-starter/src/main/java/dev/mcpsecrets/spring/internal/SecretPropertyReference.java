package dev.mcpsecrets.spring.internal;

/**
 * A property whose effective value is a secret reference.
 *
 * @param property the property name as its source spells it, e.g. {@code github.token} or {@code GITHUB_TOKEN}
 * @param expression the reference expression after the {@code secret:} prefix
 * @param origin where it was set, for messages
 * @param fromSystemEnvironment whether it came from environment variables (relaxed names apply)
 */
record SecretPropertyReference(String property, String expression, String origin, boolean fromSystemEnvironment) {
}
