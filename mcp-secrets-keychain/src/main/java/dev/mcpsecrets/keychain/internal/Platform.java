package dev.mcpsecrets.keychain.internal;

import java.util.Locale;

/** The keychain each operating system offers, as java-keyring reaches it. */
public enum Platform {
    /** macOS Keychain (generic passwords). */
    MACOS("macOS Keychain"),
    /** Windows Credential Manager (generic credentials). */
    WINDOWS("Windows Credential Manager"),
    /** The freedesktop Secret Service on the D-Bus session bus (GNOME Keyring, KWallet, KeePassXC). */
    SECRET_SERVICE("Secret Service"),
    /** Anything else: no keychain. */
    UNSUPPORTED("no keychain");

    private final String displayName;

    Platform(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The platform of an {@code os.name} value.
     *
     * @param osName the value of the {@code os.name} system property
     * @return the platform
     */
    public static Platform of(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return MACOS;
        }
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.contains("linux") || os.contains("bsd") || os.contains("sunos")) {
            return SECRET_SERVICE;
        }
        return UNSUPPORTED;
    }

    /**
     * The platform of this JVM.
     *
     * @return the platform
     */
    public static Platform current() {
        return of(System.getProperty("os.name"));
    }

    /**
     * A name to show users.
     *
     * @return e.g. "macOS Keychain"
     */
    public String displayName() {
        return displayName;
    }
}
