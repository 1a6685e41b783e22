package dev.mcpsecrets.vault.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The key/value pairs of one read: KV v2's {@code data.data} (with {@code data.metadata}), KV v1's and
 * other engines' {@code data}, and the {@code lease_duration} Vault gave (KV v1 serves its {@code ttl}
 * or the mount's default lease there; KV v2 gives none).
 */
final class SecretData {
    private static final int MAX_KEYS_SHOWN = 10;

    private final JsonNode values;
    private final Duration lease;
    private final String origin;
    private final String path;

    private SecretData(JsonNode values, Duration lease, String origin, String path) {
        this.values = values;
        this.lease = lease;
        this.origin = origin;
        this.path = path;
    }

    /**
     * Interprets a read's answer.
     *
     * @param a the answer (200, 204, 403 or 404)
     * @param mount the mount read from
     * @param r the reference (path and version)
     * @param settings the server, for the origin
     * @param what the reference(s), for messages
     * @return the values
     * @throws SecretException NOT_FOUND, DENIED, or UNAVAILABLE for an answer of another shape
     */
    static SecretData of(VaultHttp.Answer a, MountTable.Mount mount, VaultReference r, VaultSettings settings,
            String what) throws SecretException {
        String shown = r.path() + (r.version() > 0 ? " version " + r.version() : "");
        if (a.status() == 403) {
            throw new SecretException(Reason.DENIED, what, "Vault denied reading " + shown + " (HTTP 403"
                    + (a.errors().isEmpty() ? "" : ": " + a.errors()) + "); the token's policies need \"read\" on "
                    + (mount.versioned() ? mount.path() + "data/" + r.path().substring(mount.path().length())
                            : r.path()));
        }
        JsonNode data = a.json().path("data");
        JsonNode values = mount.versioned() ? data.path("data") : data;
        if (a.status() == 404 || !values.isObject()) {
            JsonNode meta = data.path("metadata");
            String state = meta.path("destroyed").asBoolean(false) ? " (that version was destroyed)"
                    : !meta.path("deletion_time").asText("").isEmpty() ? " (that version was deleted)" : "";
            if (a.status() == 404 || !state.isEmpty() || a.status() == 204) {
                throw new SecretException(Reason.NOT_FOUND, what, "Vault has no secret at " + shown + state);
            }
            throw new SecretException(Reason.UNAVAILABLE, what, "Vault answered the read of " + shown
                    + " without key/value data");
        }
        long leaseSeconds = a.json().path("lease_duration").asLong(0);
        String origin = "Vault " + settings.address() + (settings.namespace() == null ? ""
                : " namespace " + settings.namespace()) + ", " + (mount.versioned() ? "KV v2 " : mount.type().equals("kv")
                ? "KV v1 " : mount.type() + " ") + shown;
        return new SecretData(values, leaseSeconds > 0 ? Duration.ofSeconds(leaseSeconds) : null, origin, shown);
    }

    /**
     * The value of the reference's key, or of the only key when it names none.
     *
     * @param r the reference
     * @return the secret, with its origin and lease
     * @throws SecretException NOT_FOUND for a missing key, MALFORMED when a key must be named
     */
    Secret select(VaultReference r) throws SecretException {
        JsonNode value;
        if (r.key() == null) {
            if (values.size() != 1) {
                throw new SecretException(Reason.MALFORMED, r.text(), "the secret at " + path + " has " + values.size()
                        + " keys" + keys() + "; name one: " + r.text() + "#KEY");
            }
            value = values.elements().next();
        } else {
            value = values.get(r.key());
            if (value == null) {
                throw new SecretException(Reason.NOT_FOUND, r.text(), "the secret at " + path + " has no key '"
                        + r.key() + "'" + keys());
            }
        }
        char[] chars = (value.isTextual() ? value.asText() : value.toString()).toCharArray();
        try {
            Secret s = Secret.of(chars);
            Secret withOrigin = s.withOrigin(origin);
            s.destroy();
            if (lease == null) {
                return withOrigin;
            }
            Secret leased = withOrigin.withMaxAge(lease);
            withOrigin.destroy();
            return leased;
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** The key names (never values), for messages. */
    private String keys() {
        if (values.size() == 0) {
            return "";
        }
        List<String> names = new ArrayList<>();
        Iterator<String> it = values.fieldNames();
        while (it.hasNext() && names.size() < MAX_KEYS_SHOWN) {
            String n = it.next().replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
            names.add(n.length() > 40 ? n.substring(0, 40) + "…" : n);
        }
        return " (" + String.join(", ", names) + (values.size() > MAX_KEYS_SHOWN ? ", …" : "") + ")";
    }
}
