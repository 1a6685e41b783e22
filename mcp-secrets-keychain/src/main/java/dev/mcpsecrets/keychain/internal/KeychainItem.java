package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.util.Map;
import java.util.Objects;

/**
 * One keychain item: the service it belongs to and the account within that service. On every platform
 * these are the two names java-keyring looks an item up by (see the module README for the attribute
 * mapping).
 *
 * @param service the service name, e.g. {@code github-mcp}
 * @param account the account name, e.g. the OS user
 */
public record KeychainItem(String service, String account) {
    /** The reference scheme this module serves. */
    public static final String SCHEME = "keychain";

    private static final String FORM = "keychain:SERVICE or keychain:SERVICE/ACCOUNT";

    /**
     * Validates both names.
     *
     * @throws IllegalArgumentException if a name is empty or holds a control character
     */
    public KeychainItem {
        requireName("service", service);
        requireName("account", account);
        if (service.indexOf('/') >= 0) {
            throw new IllegalArgumentException("the service name must not contain '/'");
        }
    }

    /**
     * The item a {@code keychain:} reference names; the account defaults to the OS user.
     *
     * @param ref a reference with the {@code keychain} scheme
     * @param environment where {@code USER} / {@code USERNAME} are read for the default account
     * @return the item
     * @throws SecretException with {@link Reason#MALFORMED} when the body is not {@code SERVICE[/ACCOUNT]}
     */
    public static KeychainItem of(SecretRef ref, Map<String, String> environment) throws SecretException {
        Objects.requireNonNull(ref, "ref");
        String body = ref.body();
        int slash = body.indexOf('/');
        String service = slash < 0 ? body : body.substring(0, slash);
        String account = slash < 0 ? defaultAccount(environment) : body.substring(slash + 1);
        try {
            return new KeychainItem(service, account);
        } catch (IllegalArgumentException e) {
            throw MalformedRefException.of(ref, -1, e.getMessage() + "; write " + FORM);
        }
    }

    /**
     * The account used when a reference names none: {@code $USER}, else {@code %USERNAME%}, else the
     * JVM's {@code user.name} — the account {@code security add-generic-password -a "$USER"} and
     * {@code cmdkey}/{@code secret-tool} users typically use.
     *
     * @param environment the environment to read
     * @return the default account name
     */
    public static String defaultAccount(Map<String, String> environment) {
        for (String name : new String[] {"USER", "USERNAME"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return System.getProperty("user.name", "");
    }

    /**
     * The reference that names this item, account included.
     *
     * @return e.g. {@code keychain:github-mcp/alice}
     */
    public String reference() {
        return SCHEME + ":" + service + "/" + account;
    }

    /**
     * How the item is shown to users (never a value).
     *
     * @return e.g. {@code keychain service 'github-mcp' account 'alice'}
     */
    public String describe() {
        return "keychain service '" + service + "' account '" + account + "'";
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException("the " + what + " name contains a control character at "
                        + "position " + (i + 1));
            }
        }
        if (!name.strip().equals(name)) {
            throw new IllegalArgumentException("the " + what + " name starts or ends with white space");
        }
    }
}
