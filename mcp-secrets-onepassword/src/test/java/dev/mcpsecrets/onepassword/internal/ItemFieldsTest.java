package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class ItemFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode item(String value) {
        ObjectNode item = JSON.createObjectNode().put("id", "i").put("title", "GitHub");
        item.putArray("sections").addObject().put("id", "s1").put("label", "Admin");
        item.putArray("fields").addObject().put("id", "f1").put("label", "token").put("type", "CONCEALED")
                .put("value", value).putObject("section").put("id", "s1");
        item.withArray("fields").addObject().put("id", "f2").put("label", "token").put("type", "CONCEALED")
                .put("value", value);
        return item;
    }

    /**
     * Whatever the reference asks for, a failure message about an item never contains a field's value.
     */
    @Property(tries = 300)
    void failuresNeverContainAFieldValue(@ForAll @StringLength(min = 8, max = 40) String value,
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String field,
            @ForAll("attributes") String query) throws Exception {
        Assume.that(!("token" + field + "GitHubAdmin").contains(value));
        for (String path : new String[] {"//Private/GitHub/" + field, "//Private/GitHub/token",
            "//Private/GitHub/Admin/" + field, "//Private/GitHub/Other/token"}) {
            OpReference ref = OpReference.parse(SecretRef.of("op", path + query));
            try {
                ItemFields.select(item(value), ref).destroy();
            } catch (SecretException e) {
                assertThat(e.getMessage()).doesNotContain(value);
            }
        }
    }

    @Provide
    Arbitrary<String> attributes() {
        return Arbitraries.of("", "?attribute=otp", "?attribute=type", "?attribute=size",
                "?ssh-format=openssh");
    }
}
