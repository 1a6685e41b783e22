package dev.mcpsecrets.keychain.internal;

import java.util.Objects;

/**
 * Which keychain a call goes to: the platform, and on Linux the session bus address.
 *
 * @param platform the platform
 * @param busAddress the D-Bus session bus address ({@link Platform#SECRET_SERVICE} only), else empty
 */
record Target(Platform platform, String busAddress) {
    Target {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(busAddress, "busAddress");
    }
}
