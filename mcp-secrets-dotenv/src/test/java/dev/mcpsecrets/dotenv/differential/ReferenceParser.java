package dev.mcpsecrets.dotenv.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real reference parser run as a child process on a batch of files: Node's dotenv + dotenv-expand, or
 * python-dotenv. The child gets exactly the given environment, so expansion sees the same variables as ours.
 */
final class ReferenceParser {
    /** The reference environment every parser expands from. */
    static final Map<String, String> ENVIRONMENT = Map.of("REF_USER", "alice", "REF_HOME", "/home/ref", "REF_EMPTY", "");

    private final String name;
    private final List<String> command;
    private String version = "unknown";

    private ReferenceParser(String name, List<String> command) {
        this.name = name;
        this.command = command;
    }

    static ReferenceParser node(Path executable, Path script, Path modules) {
        return new ReferenceParser("node", List.of(executable.toString(), script.toString(), modules.toString()));
    }

    static ReferenceParser python(Path script) {
        return new ReferenceParser("python", List.of("/usr/bin/python3", script.toString()));
    }

    String name() {
        return name;
    }

    String version() {
        return version;
    }

    /**
     * What a parser made of one input: its key/value map (a {@code null} value for python-dotenv's
     * key-without-value), or an error name.
     *
     * @param values the values, or {@code null} on error
     * @param error the error name, or {@code null}
     */
    record Outcome(Map<String, String> values, String error) {
    }

    /** Parses every file in one child process. */
    List<Outcome> parseAll(List<Path> files) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        StringBuilder input = new StringBuilder();
        for (Path file : files) {
            input.append(file).append('\n');
        }
        try (OutputStream out = process.getOutputStream()) {
            out.write(input.toString().getBytes(StandardCharsets.UTF_8));
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(name + " reference parser failed: " + command);
        }
        String[] lines = output.split("\n");
        version = lines[0].substring("version ".length());
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            outcomes.add(decode(lines[i]));
        }
        if (outcomes.size() != files.size()) {
            throw new IOException(name + " answered " + outcomes.size() + " results for " + files.size() + " files");
        }
        return outcomes;
    }

    private static Outcome decode(String line) {
        if (line.startsWith("error")) {
            return new Outcome(null, line.substring(5).trim());
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring(2).trim().split(" ")) {
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String value = pair.substring(colon + 1);
            values.put(b64(pair.substring(0, colon)), value.equals("~") ? null : b64(value));
        }
        return new Outcome(values, null);
    }

    private static String b64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    /** Writes the inputs as files in {@code dir}, named by index. */
    static List<Path> writeInputs(Path dir, List<String> texts) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Path file = dir.resolve(String.format("case-%04d.env", i));
            Files.write(file, texts.get(i).getBytes(StandardCharsets.UTF_8));
            files.add(file);
        }
        return files;
    }
}
