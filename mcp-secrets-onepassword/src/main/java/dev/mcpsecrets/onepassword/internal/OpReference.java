package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.SecretRef;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed 1Password secret reference, {@code op://VAULT/ITEM/[SECTION/]FIELD[?attribute=A]} (or
 * {@code ?ssh-format=openssh}), as described on 1Password's "Secret reference syntax" page: names or
 * IDs; letters, digits, {@code -}, {@code _}, {@code .} and spaces; case-insensitive.
 *
 * @param text the reference as written, e.g. {@code op://Private/GitHub/token}
 * @param vault vault name or ID
 * @param item item name or ID
 * @param section section name or ID, or {@code null}
 * @param field field (or file) name or ID
 * @param attribute the {@code attribute} query value, lowercase, or {@code null} for the value
 * @param sshFormat the {@code ssh-format} query value, or {@code null}
 */
record OpReference(String text, String vault, String item, String section, String field, String attribute,
        String sshFormat) {

    /** Attributes 1Password documents for fields and files. */
    static final Set<String> ATTRIBUTES = Set.of("value", "type", "id", "purpose", "otp", "label",
            "content", "size", "name");

    private static final List<String> PART_NAMES = List.of("vault", "item", "section", "field");

    OpReference {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(field, "field");
    }

    /**
     * Parses a reference of scheme {@code op}.
     *
     * @param ref the reference
     * @return the parsed parts
     * @throws MalformedRefException naming the wrong part and its position
     */
    static OpReference parse(SecretRef ref) throws MalformedRefException {
        String text = ref.format();
        // a malformed op: reference may be a pasted value: described, never quoted
        String shown = "'op:' " + MalformedRefException.notShown(text.length());
        String body = ref.body();
        int offset = ref.scheme().length() + 1;
        if (!body.startsWith("//")) {
            throw new MalformedRefException(shown, offset,
                    "1Password references start with op:// (op://vault/item/[section/]field)");
        }
        int query = body.indexOf('?');
        String path = body.substring(2, query < 0 ? body.length() : query);
        String[] parts = path.split("/", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new MalformedRefException(shown, offset + 2, "expected op://vault/item/field or "
                    + "op://vault/item/section/field, found " + parts.length + " part" + (parts.length == 1 ? "" : "s"));
        }
        int position = offset + 2;
        for (int i = 0; i < parts.length; i++) {
            String name = parts.length == 3 && i == 2 ? "field" : PART_NAMES.get(i);
            checkPart(shown, position, name, parts[i]);
            position += parts[i].length() + 1;
        }
        String attribute = null;
        String sshFormat = null;
        if (query >= 0) {
            String[] q = parseQuery(shown, offset + query, body.substring(query + 1));
            attribute = q[0];
            sshFormat = q[1];
        }
        String section = parts.length == 4 ? parts[2] : null;
        return new OpReference(text, parts[0], parts[1], section, parts[parts.length - 1], attribute, sshFormat);
    }

    private static void checkPart(String shown, int position, String name, String part) throws MalformedRefException {
        if (part.isEmpty()) {
            throw new MalformedRefException(shown, position, "the " + name + " part is empty");
        }
        if (!part.equals(part.strip())) {
            throw new MalformedRefException(shown, position, "the " + name + " part starts or ends with a space");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ' ';
            if (!ok) {
                throw new MalformedRefException(shown, position + i, "the " + name + " part has a character "
                        + "1Password references do not allow (letters, digits, '-', '_', '.'"
                        + " and spaces); refer to the " + name + " by its ID instead");
            }
        }
    }

    private static String[] parseQuery(String shown, int position, String query) throws MalformedRefException {
        String attribute = null;
        String sshFormat = null;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1).toLowerCase(Locale.ROOT);
            if (key.equals("attribute") && ATTRIBUTES.contains(value)) {
                attribute = value;
            } else if (key.equals("attribute")) {
                throw new MalformedRefException(shown, position, "unknown attribute; known: "
                        + String.join(", ", new java.util.TreeSet<>(ATTRIBUTES)));
            } else if (key.equals("ssh-format") && value.equals("openssh")) {
                sshFormat = value;
            } else if (key.equals("ssh-format")) {
                throw new MalformedRefException(shown, position, "unknown ssh-format; known: openssh");
            } else {
                throw new MalformedRefException(shown, position,
                        "unknown query parameter; known: attribute, ssh-format");
            }
        }
        return new String[] {attribute, sshFormat};
    }

    /**
     * The vault and item, lowercase: references to the same item share one fetch.
     *
     * @return a grouping key
     */
    String itemKey() {
        return vault.toLowerCase(Locale.ROOT) + "/" + item.toLowerCase(Locale.ROOT);
    }
}
