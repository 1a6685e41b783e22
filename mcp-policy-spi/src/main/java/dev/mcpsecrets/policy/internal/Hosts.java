package dev.mcpsecrets.policy.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts a live probe may contact. Loopback is decided on the literal name only: resolving a
 * name a config chose could point anywhere (and resolve differently when the driver connects).
 */
public final class Hosts {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Hosts() {
    }

    /**
     * Whether a host is loopback by its literal text: {@code localhost}, {@code 127.x.y.z} or
     * {@code ::1} (with or without brackets).
     *
     * @param host the host
     * @return {@code true} for loopback
     */
    public static boolean isLoopbackLiteral(String host) {
        if (host == null) {
            return false;
        }
        String h = unbracket(host).toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("localhost.") || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * Whether a text is a plain host name, IPv4 or (bracketed) IPv6 literal, nothing else.
     *
     * @param host the host
     * @return {@code true} if well-formed
     */
    public static boolean isWellFormed(String host) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.startsWith("[")) {
            return host.endsWith("]") && IPV6.matcher(host.substring(1, host.length() - 1)).matches();
        }
        return HOST_NAME.matcher(host).matches();
    }

    /**
     * Whether a live probe may contact a host named by an audited config: live probes are on, and the
     * host is loopback or on the user's allow-list.
     *
     * @param liveProbesAllowed whether live probes are on at all
     * @param allowedHosts the user's allow-list, lower case
     * @param host the host
     * @return {@code true} if allowed
     */
    public static boolean mayContact(boolean liveProbesAllowed, Set<String> allowedHosts, String host) {
        if (!liveProbesAllowed || !isWellFormed(host)) {
            return false;
        }
        String h = unbracket(host).toLowerCase(Locale.ROOT);
        return isLoopbackLiteral(h) || allowedHosts.contains(h) || allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
