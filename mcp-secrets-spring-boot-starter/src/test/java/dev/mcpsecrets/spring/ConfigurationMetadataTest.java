package dev.mcpsecrets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The hand-written configuration metadata (IDE completion) names exactly the properties that bind.
 * Read with Jackson 2, which the starter brings through mcp-policy, so the test runs on Boot 3 and 4.
 */
class ConfigurationMetadataTest {

    @Test
    void metadataListsEveryPropertyOfTheSettingsRecordsAndNoOther() throws IOException {
        List<String> documented = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            root.path("properties").forEach(p -> documented.add(p.path("name").asText()));
        }
        List<String> bound = new ArrayList<>();
        collect(McpSecretsProperties.PREFIX, McpSecretsProperties.class, bound);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(bound);
    }

    private static void collect(String prefix, Class<?> type, List<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + "." + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            if (c.getType().isRecord()) {
                collect(name, c.getType(), out);
            } else {
                out.add(name);
            }
        }
    }
}
