package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets are the code of the consumer project ({@code it/consumer}, built and run
 * against the installed artifacts by {@code .ci/run}): with its placeholders filled, every snippet line
 * appears in the consumer's sources as a run of consecutive lines (indentation aside), so the README
 * cannot drift from code that compiles and runs.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path CONSUMER = ROOT.resolve("it/consumer/src/main/java/dev/mcpsecrets/it/consumer");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    /** How the consumer fills the README's placeholders: README text to the consumer's. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("\"files-server\"", "\"consumer-server\"");

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                out.add(stripped);
            }
        }
        return out;
    }

    private static String filled(String snippet) {
        String s = snippet;
        for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
            s = s.replace(p.getKey(), p.getValue());
        }
        return s;
    }

    private static List<String> snippets(String section, String readme) {
        int start = readme.indexOf("\n## " + section + "\n");
        assertThat(start).as("README section %s", section).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        Matcher m = JAVA_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        assertThat(out).as("java snippets in %s", section).isNotEmpty();
        return out;
    }

    private static void assertInConsumer(String snippet, String consumerFile) throws IOException {
        List<String> code = lines(Files.readString(CONSUMER.resolve(consumerFile), StandardCharsets.UTF_8));
        List<String> statements = new ArrayList<>();
        for (String line : lines(filled(snippet))) {
            if (line.startsWith("import ")) {
                assertThat(code).as("%s imports as the README does", consumerFile).contains(line);
            } else {
                statements.add(line);
            }
        }
        assertThat(java.util.Collections.indexOfSubList(code, statements))
                .as("the README snippet%n%s%nin %s", String.join("\n", statements), consumerFile)
                .isNotNegative();
    }

    @Test
    void theQuickStartIsTheConsumersCode() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        for (String snippet : snippets("Quick start for a Java MCP server", readme)) {
            assertInConsumer(snippet, "QuickStart.java");
        }
    }

    @Test
    void theStartupGuardIsTheConsumersCode() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        for (String snippet : snippets("Checking least privilege at startup", readme)) {
            assertInConsumer(snippet, "ConsumerServer.java");
        }
    }

    @Test
    void aChangedSnippetIsNoticed() {
        String drifted = "try (Secrets secrets = Secrets.builder().timeout(null).build()) {\n}\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertInConsumer(drifted, "QuickStart.java"))
                .isInstanceOf(AssertionError.class);
    }
}
