package dev.mcpsecrets.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project configs the user has allowed {@code mcp-secrets run --config} to act on, by real path and
 * SHA-256 of the content (like {@code direnv allow}): a cloned repository cannot make the user's
 * secrets go to a command of its choosing, and any edit needs trusting again.
 */
final class TrustStore {
    static final String FILE_NAME = "trusted.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserConfigDir dir;

    TrustStore(UserConfigDir dir) {
        this.dir = dir;
    }

    /** The state of a config file with respect to the user's trust. */
    enum Verdict { TRUSTED, UNKNOWN, CHANGED }

    Verdict check(Path file, byte[] content) throws IOException {
        String recorded = read().get(key(file));
        if (recorded == null) {
            return Verdict.UNKNOWN;
        }
        return MessageDigest.isEqual(recorded.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                sha256(content).getBytes(java.nio.charset.StandardCharsets.US_ASCII)) ? Verdict.TRUSTED : Verdict.CHANGED;
    }

    Verdict check(Path file) throws IOException {
        return check(file, Files.readAllBytes(file));
    }

    String trust(Path file) throws IOException {
        String hash = sha256(Files.readAllBytes(file));
        Map<String, String> entries = read();
        entries.put(key(file), hash);
        write(entries);
        return hash;
    }

    boolean revoke(Path file) throws IOException {
        Map<String, String> entries = read();
        boolean removed = entries.remove(key(file)) != null;
        if (removed) {
            write(entries);
        }
        return removed;
    }

    Map<String, String> entries() throws IOException {
        return read();
    }

    Path location() {
        return dir.resolve(FILE_NAME);
    }

    static String key(Path file) throws IOException {
        return file.toRealPath().toString();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(location());
        } catch (NoSuchFileException e) {
            return entries;
        }
        JsonNode files;
        try {
            files = JSON.readTree(bytes).path("files");
        } catch (JsonProcessingException e) {
            throw new CliException(Main.USAGE, location() + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + "); fix or delete it and trust your configs again");
        }
        for (Map.Entry<String, JsonNode> e : files.properties()) {
            entries.put(e.getKey(), e.getValue().asText());
        }
        return entries;
    }

    private void write(Map<String, String> entries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode files = root.putObject("files");
        entries.forEach(files::put);
        dir.writePrivate(FILE_NAME, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
