package dev.mcpsecrets.vault.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code vault:} reference: {@code MOUNT/PATH[?version=N][#KEY]} (the query may also follow the
 * key: {@code MOUNT/PATH#KEY?version=N}). The mount is not marked in the reference: which leading
 * segments form the mount is asked from Vault, as the {@code vault} command does.
 *
 * @param text the whole reference, {@code vault:...}, for messages (references are not secrets)
 * @param path the secret's path including its mount, e.g. {@code secret/myapp/db}
 * @param key the key inside the secret, or {@code null} for "the only key"
 * @param version the KV v2 version, or 0 for the current one
 */
record VaultReference(String text, String path, String key, int version) {
    private static final int MAX_PATH = 1024;

    /**
     * Parses a reference.
     *
     * @param ref the reference
     * @return the parsed reference
     * @throws SecretException MALFORMED with the part that is wrong
     */
    static VaultReference parse(SecretRef ref) throws SecretException {
        String text = ref.format();
        String body = ref.body();
        int hash = body.indexOf('#');
        String pathPart = hash < 0 ? body : body.substring(0, hash);
        String keyPart = hash < 0 ? null : body.substring(hash + 1);
        String query = null;
        int q = pathPart.indexOf('?');
        if (q >= 0) {
            query = pathPart.substring(q + 1);
            pathPart = pathPart.substring(0, q);
        } else if (keyPart != null && keyPart.matches(".*\\?version=[^?]*")) {
            int kq = keyPart.lastIndexOf("?version=");
            query = keyPart.substring(kq + 1);
            keyPart = keyPart.substring(0, kq);
        }
        checkPath(text, pathPart);
        if (keyPart != null && keyPart.isEmpty()) {
            throw malformed(text, "the key after '#' is empty; leave out '#' for a secret with one key");
        }
        return new VaultReference(text, pathPart, keyPart, version(text, query));
    }

    private static void checkPath(String text, String path) throws SecretException {
        if (path.isEmpty()) {
            throw malformed(text, "the path is empty; expected MOUNT/PATH, e.g. vault:secret/myapp/db#password");
        }
        if (path.length() > MAX_PATH) {
            throw malformed(text, "the path is longer than " + MAX_PATH + " characters");
        }
        if (path.startsWith("/") || path.endsWith("/")) {
            throw malformed(text, "the path must not start or end with '/'; expected MOUNT/PATH, e.g. secret/myapp/db");
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 2) {
            throw malformed(text, "the path names only a mount; expected MOUNT/PATH, e.g. secret/myapp/db");
        }
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw malformed(text, "the path has an empty, '.' or '..' segment");
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == '\\' || Character.isISOControl(c)) {
                throw malformed(text, "the path has the character " + (Character.isISOControl(c) ? "U+"
                        + String.format("%04X", (int) c) : "'" + c + "'") + " at position " + (i + 1)
                        + ", which Vault paths here may not hold");
            }
        }
    }

    private static int version(String text, String query) throws SecretException {
        if (query == null) {
            return 0;
        }
        if (!query.startsWith("version=")) {
            throw malformed(text, "the only parameter is ?version=N (a KV v2 version number)");
        }
        String n = query.substring("version=".length());
        if (!n.matches("[1-9][0-9]{0,8}")) {
            throw malformed(text, "?version= takes a positive whole number");
        }
        return Integer.parseInt(n);
    }

    private static SecretException malformed(String text, String why) {
        return new SecretException(Reason.MALFORMED, text, "malformed vault reference " + text + ": " + why);
    }

    /**
     * What reads share: the path and version. References that differ only in their key are one read.
     *
     * @return the read key
     */
    String readKey() {
        return version == 0 ? path : path + "?version=" + version;
    }

    /**
     * The path with each segment percent-encoded, for a request URL.
     *
     * @param relative a path or part of one, segments separated by '/'
     * @return the encoded path
     */
    static String encodePath(String relative) {
        StringBuilder out = new StringBuilder(relative.length() + 8);
        for (String segment : relative.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
