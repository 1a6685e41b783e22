package dev.mcpsecrets.keychain.internal;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Backend} on a java-keyring {@link Keyring}. java-keyring reports "not found", "locked" and
 * "broken" alike (a message, sometimes a NullPointerException); this class tells them apart, asking the
 * {@link SecretServiceProbe} on Linux.
 *
 * <p>java-keyring passes values as {@link String}s, so a copy of each value read or written stays on
 * the heap until collected; that is the library's limit, not something this class can wipe.
 */
final class JavaKeyringBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(JavaKeyringBackend.class);

    private final Keyring keyring;
    private final Platform platform;
    private final SecretServiceProbe probe;

    /**
     * @param keyring the open keyring
     * @param platform its platform
     * @param probe the lock probe (Secret Service only), else null
     */
    JavaKeyringBackend(Keyring keyring, Platform platform, SecretServiceProbe probe) {
        this.keyring = keyring;
        this.platform = platform;
        this.probe = probe;
    }

    @Override
    public char[] read(KeychainItem item) throws SecretException {
        requireUnlocked();
        String value;
        try {
            value = keyring.getPassword(item.service(), item.account());
        } catch (PasswordAccessException | RuntimeException e) {
            throw failure(item, "read", e);
        }
        if (value == null) {
            throw failure(item, "read", new PasswordAccessException("no value"));
        }
        return value.toCharArray();
    }

    @Override
    public void write(KeychainItem item, char[] value) throws SecretException {
        requireUnlocked();
        try {
            keyring.setPassword(item.service(), item.account(), new String(value));
        } catch (PasswordAccessException | RuntimeException e) {
            throw failure(item, "write", e);
        }
    }

    @Override
    public boolean delete(KeychainItem item) throws SecretException {
        requireUnlocked();
        try {
            keyring.deletePassword(item.service(), item.account());
            return true;
        } catch (PasswordAccessException | RuntimeException e) {
            SecretException failure = failure(item, "delete", e);
            if (failure.reason() == Reason.NOT_FOUND) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception e) {
            LOG.debug("closing the {} connection failed: {}", platform.displayName(), e.getClass().getName());
        }
        if (probe != null) {
            probe.close();
        }
    }

    private void requireUnlocked() throws SecretException {
        if (probe != null) {
            probe.requireUnlocked();
        }
    }

    /** Turns what java-keyring threw into a typed failure; its own message names no value. */
    private SecretException failure(KeychainItem item, String action, Exception e) throws SecretException {
        String message = String.valueOf(e.getMessage());
        if (e instanceof PasswordAccessException && isNotFound(message)) {
            // a collection locked since the last probe also looks like "not found" here
            requireUnlocked();
            return new SecretException(Reason.NOT_FOUND, item.reference(), "no " + item.describe() + " in the "
                    + platform.displayName() + "; create it with: mcp-secrets keychain set " + item.service()
                    + "/" + item.account());
        }
        if (message.contains("Too many stored credentials")) {
            return new SecretException(Reason.UNAVAILABLE, item.reference(), "more than one item matches "
                    + item.describe() + "; delete the extra ones (secret-tool clear service " + item.service()
                    + " account " + item.account() + ") and store it once", e);
        }
        if (platform == Platform.MACOS && containsAny(message, "-25308", "interaction is not allowed")) {
            return new SecretException(Reason.LOCKED, item.reference(), "the macOS keychain is locked or may "
                    + "not prompt in this session; unlock it (security unlock-keychain) and try again", e);
        }
        if (containsAny(message, "-128", "-25293", "canceled", "cancelled", "denied")) {
            return new SecretException(Reason.DENIED, item.reference(), "the " + platform.displayName()
                    + " refused to " + action + " " + item.describe() + "; allow this program access", e);
        }
        requireUnlocked();
        return new SecretException(Reason.UNAVAILABLE, item.reference(), "the " + platform.displayName()
                + " failed to " + action + " " + item.describe() + " (" + e.getClass().getSimpleName() + ")", e);
    }

    private static boolean isNotFound(String message) {
        return containsAny(message, "No stored credentials match", "Password not Found", "No password to delete",
                "Password is not in wallet", "Password cannot be deleted", "Error code 1168");
    }

    private static boolean containsAny(String text, String... needles) {
        return Arrays.stream(needles).anyMatch(text::contains);
    }
}
