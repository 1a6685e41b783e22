package dev.mcpsecrets.examples.files;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretMasker;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The two tools: list a directory under the root, and say where the token came from (never what it is). */
final class Tools {
    private static final String LIST_SCHEMA = """
            {"type": "object",
             "properties": {"path": {"type": "string", "description": "Directory relative to the root; default the root"}}}
            """;
    private static final String NO_ARGS = """
            {"type": "object", "properties": {}}
            """;

    private Tools() {
    }

    static List<SyncToolSpecification> all(Settings settings, Secret token, SecretMasker masker, McpJsonMapper json) {
        Tool list = Tool.builder("list_files", json, LIST_SCHEMA)
                .description("List the entries of a directory inside the served root").build();
        Tool whoami = Tool.builder("whoami", json, NO_ARGS)
                .description("Say which secret provider delivered this server's token and its length (never the value)")
                .build();
        return List.of(
                SyncToolSpecification.builder().tool(list)
                        .callHandler((exchange, request) -> masked(masker,
                                listFiles(settings.root(), request.arguments().get("path"))))
                        .build(),
                SyncToolSpecification.builder().tool(whoami)
                        .callHandler((exchange, request) -> masked(masker, text(describe(token), false)))
                        .build());
    }

    static CallToolResult listFiles(Path root, Object relative) {
        Path dir = root.resolve(relative == null ? "" : relative.toString()).normalize();
        if (!dir.startsWith(root)) {
            return text("refused: " + relative + " is outside the served root", true);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
            return text(String.join("\n", names), false);
        } catch (IOException e) {
            return text("cannot list " + root.relativize(dir) + ": " + e.getClass().getSimpleName(), true);
        }
    }

    static String describe(Secret token) {
        return "token from " + token.providerId().orElse("?")
                + token.source().map(s -> " (" + s.format() + ")").orElse("")
                + token.origin().map(o -> ", " + o).orElse("")
                + ": " + token.length() + " characters";
    }

    /**
     * The result with the resolved token masked in its text: a file name, an error message or a file's
     * content may hold it, and a tool result ends up in the model's context and the client's transcript.
     */
    static CallToolResult masked(SecretMasker masker, CallToolResult result) {
        if (masker.isEmpty()) {
            return result;
        }
        CallToolResult.Builder out = CallToolResult.builder().isError(result.isError());
        for (McpSchema.Content c : result.content()) {
            if (c instanceof McpSchema.TextContent t) {
                out.addTextContent(masker.mask(t.text()));
            } else {
                out.addContent(c);
            }
        }
        return out.build();
    }

    private static CallToolResult text(String text, boolean error) {
        return CallToolResult.builder().addTextContent(text).isError(error).build();
    }
}
