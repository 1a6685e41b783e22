package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
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
            byte[] bytes = BoundedFiles.read(WorkingDirectory.absolute(file), FileLimits.MAX_DOTENV_BYTES);
            lines = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString()
                    .lines().toList();
        } catch (FileLimitException e) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, "--env-file " + file + ": " + RunCommand.reason(e));
        } catch (CharacterCodingException e) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, file + ": not valid UTF-8");
        } catch (NoSuchFileException e) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, file + ": cannot read (permission denied)");
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
            // the name is not shown either: "NAME=" may be a pasted base64 secret ending in '='
            throw new CliException(RunCommand.FAILED_BEFORE_START, where + ": nothing after '=' (a reference is needed)");
        }
        pairs.put(name, ref);
    }

    static boolean isVariableName(String name) {
        return NAME.matcher(name).matches();
    }
}
