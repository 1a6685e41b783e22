package dev.mcpsecrets.onepassword.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the field a reference names out of a Connect item ({@code fields[]} with {@code id},
 * {@code label}, {@code section.id}, {@code type}, {@code purpose}, {@code value}, {@code totp};
 * {@code sections[]} with {@code id} and {@code label}). Names and IDs match case-insensitively.
 */
final class ItemFields {
    private ItemFields() {
    }

    /**
     * The value (or the requested attribute) of the referenced field.
     *
     * @param item the item JSON
     * @param ref the reference
     * @return the secret
     * @throws SecretException NOT_FOUND, MALFORMED when ambiguous, UNAVAILABLE for what Connect cannot give
     */
    static Secret select(JsonNode item, OpReference ref) throws SecretException {
        String what = ref.text();
        if (ref.sshFormat() != null) {
            throw new SecretException(Reason.UNAVAILABLE, what,
                    "ssh-format is not available through 1Password Connect; use the op CLI (mcp-op-cli)");
        }
        Set<String> sectionIds = null;
        if (ref.section() != null) {
            sectionIds = new HashSet<>();
            for (JsonNode s : item.path("sections")) {
                if (matches(s, "label", ref.section())) {
                    sectionIds.add(s.path("id").asText(""));
                }
            }
            if (sectionIds.isEmpty()) {
                throw new SecretException(Reason.NOT_FOUND, what, "item '" + ref.item() + "' has no section '"
                        + ref.section() + "'");
            }
        }
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode f : item.path("fields")) {
            boolean inSection = sectionIds == null || sectionIds.contains(f.path("section").path("id").asText(""));
            if (inSection && matches(f, "label", ref.field())) {
                found.add(f);
            }
        }
        if (found.isEmpty()) {
            for (JsonNode file : item.path("files")) {
                if (matches(file, "name", ref.field())) {
                    throw new SecretException(Reason.UNAVAILABLE, what, "'" + ref.field()
                            + "' is a file attachment; files are read through the op CLI (mcp-op-cli)");
                }
            }
            throw new SecretException(Reason.NOT_FOUND, what, "item '" + ref.item() + "' has no field '" + ref.field()
                    + "'" + (ref.section() == null ? "" : " in section '" + ref.section() + "'"));
        }
        if (found.size() > 1) {
            throw new SecretException(Reason.MALFORMED, what, found.size() + " fields of item '" + ref.item()
                    + "' are named '" + ref.field() + "'; add the section or use the field's ID");
        }
        return attribute(found.get(0), ref);
    }

    private static Secret attribute(JsonNode field, OpReference ref) throws SecretException {
        String attribute = ref.attribute() == null ? "value" : ref.attribute();
        switch (attribute) {
            case "value":
                return Secret.of(field.path("value").asText(""));
            case "otp":
                JsonNode totp = field.path("totp");
                if (totp.isTextual() && !totp.asText().isEmpty()) {
                    return Secret.of(totp.asText());
                }
                String type = field.path("type").asText("");
                throw new SecretException(type.equals("OTP") || type.equals("TOTP") ? Reason.UNAVAILABLE : Reason.NOT_FOUND,
                        ref.text(), "field '" + ref.field() + "' " + (type.equals("OTP") || type.equals("TOTP")
                                ? "came without a current one-time password from Connect"
                                : "is not a one-time password field (type " + type + ")"));
            case "type":
            case "id":
            case "purpose":
            case "label":
                return Secret.of(field.path(attribute).asText(""));
            default:
                throw new SecretException(Reason.UNAVAILABLE, ref.text(), "attribute '" + attribute
                        + "' describes a file; files are read through the op CLI (mcp-op-cli)");
        }
    }

    private static boolean matches(JsonNode node, String nameField, String wanted) {
        return node.path("id").asText("").equalsIgnoreCase(wanted)
                || node.path(nameField).asText("").equalsIgnoreCase(wanted);
    }
}
