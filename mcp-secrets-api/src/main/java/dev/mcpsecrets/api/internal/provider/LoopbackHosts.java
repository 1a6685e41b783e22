package dev.mcpsecrets.api.internal.provider;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which endpoint hosts of an HTTP backend (1Password Connect, Vault, AWS) are this machine, where plain
 * {@code http://} is allowed: decided on the host as written, so a name that could resolve anywhere (now or
 * when the request is sent) never counts.
 */
public final class LoopbackHosts {
    private LoopbackHosts() {
    }

    /**
     * Literal loopback addresses ({@code 127.0.0.0/8}, {@code ::1}, with or without brackets) and
     * {@code localhost}; never a DNS lookup of other names.
     *
     * @param host the host of a URL
     * @return {@code true} for this machine
     */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (Character.digit(c, 16) < 0 && c != '.' && c != ':') {
                return false;
            }
        }
        try {
            // only hex digits, dots and colons: a literal address, so no lookup happens
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
