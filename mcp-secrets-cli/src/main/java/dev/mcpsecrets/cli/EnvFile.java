package dev.mcpsecrets.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the {@code NAME=REFERENCE} pairs given to {@code run} on the command line or in a file
 * ({@code #} comments and blank lines allowed). Values here are references, never secrets, so a file
 * of them can be committed.
 */
final class EnvFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvFile() {
    }

    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, file + ": no such file");
        } catch (IOException e) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            put(pairs, line, file + ":" + (i + 1));
        }
        return pairs;
    }

    static void put(Map<String, String> pairs, String assignment, String where) {
        int eq = assignment.indexOf('=');
        String name = eq < 0 ? assignment : assignment.substring(0, eq).strip();
        if (eq < 0 || !NAME.matcher(name).matches()) {
            // the text may be a pasted secret: say where, never echo it
            throw new CliException(RunCommand.FAILED_BEFORE_START,
                    where + ": expected NAME=REFERENCE with NAME a variable name (text not shown)");
        }
        String ref = assignment.substring(eq + 1).strip();
        if (ref.isEmpty()) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, where + ": " + name + " has no reference");
        }
        pairs.put(name, ref);
    }

    static boolean isVariableName(String name) {
        return NAME.matcher(name).matches();
    }
}
