package dev.mcpsecrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class LoginBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300)
    void anyValuesComeBackUnchangedFromTheJson(@ForAll String a, @ForAll String b) throws Exception {
        byte[] body = LoginBody.of(new String[] {"role_id", "secret_id"}, new char[][] {a.toCharArray(), b.toCharArray()});
        JsonNode parsed = JSON.readTree(body);
        assertThat(parsed.path("role_id").asText()).isEqualTo(a);
        assertThat(parsed.path("secret_id").asText()).isEqualTo(b);
        assertThat(parsed.size()).isEqualTo(2);
    }
}
