package dev.mcpsecrets.keychain.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the D-Bus session bus the Secret Service lives on, without connecting: a missing bus is the
 * usual state of SSH sessions, containers and CI, and must be reported at once rather than after
 * java-keyring's connection attempt.
 */
final class SessionBus {
    static final String ADDRESS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS";

    private SessionBus() {
    }

    /**
     * The session bus address: the given environment's {@code DBUS_SESSION_BUS_ADDRESS}, else the JVM
     * system property of that name (which dbus-java itself reads first).
     *
     * @param environment the caller's environment
     * @return the address, or empty when there is no session bus
     */
    static Optional<String> address(Map<String, String> environment) {
        String address = environment.get(ADDRESS_VARIABLE);
        if (address == null || address.isBlank()) {
            address = System.getProperty(ADDRESS_VARIABLE);
        }
        return address == null || address.isBlank() ? Optional.empty() : Optional.of(address.strip());
    }

    /**
     * Why the address cannot work, judged without connecting: a {@code unix:path=} socket that does
     * not exist.
     *
     * @param address a session bus address
     * @return one sentence on what is wrong, or empty when the address may work
     */
    static Optional<String> problem(String address) {
        if (address.indexOf(';') >= 0 || !address.startsWith("unix:")) {
            return Optional.empty();
        }
        for (String part : address.substring("unix:".length()).split(",")) {
            if (part.startsWith("path=")) {
                Path socket = Path.of(part.substring("path=".length()));
                if (!Files.exists(socket)) {
                    return Optional.of("the D-Bus session bus socket " + socket + " does not exist; start a "
                            + "session bus (dbus-run-session -- COMMAND) or fix " + ADDRESS_VARIABLE);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The sentence for a process with no session bus at all.
     *
     * @return what is missing and how to fix it
     */
    static String missingSentence() {
        return "no D-Bus session bus (" + ADDRESS_VARIABLE + " is not set, as in SSH, container and CI "
                + "sessions); run inside a desktop session or under dbus-run-session with a Secret Service "
                + "(gnome-keyring) started, or give a fallback such as '|| env:NAME'";
    }
}
