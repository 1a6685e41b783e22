package dev.mcpsecrets.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.api.internal.files.FileSafety;
import dev.mcpsecrets.api.internal.files.PathSafety;
import dev.mcpsecrets.api.internal.files.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project configs the user has allowed {@code mcp-secrets run --config} to act on (like
 * {@code direnv allow}): by real path and SHA-256 of the content, plus every symlink path the user trusted
 * it through. A cloned repository cannot make the user's secrets go to a command of its choosing: not by
 * editing a trusted file (the hash changes), and not by linking to one (a link path must be trusted too,
 * and a trusted file's {@code cwd} and relative commands resolve in its real directory).
 *
 * <p>The store itself decides what may run with the user's secrets, so it is refused, as ssh refuses a
 * loose key file, when anybody but the user could change it or replace it.
 */
final class TrustStore {
    static final String FILE_NAME = "trusted.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserConfigDir dir;

    TrustStore(UserConfigDir dir) {
        this.dir = dir;
    }

    /** The state of a config file with respect to the user's trust. */
    enum Verdict { TRUSTED, UNKNOWN, CHANGED, LINK_NOT_TRUSTED }

    /** What the store holds for one real path. */
    record Entry(String sha256, List<String> links) {
        Entry {
            links = List.copyOf(links);
        }
    }

    /**
     * A config file read once through one open descriptor: what is hashed is what is parsed and run.
     *
     * @param given the path as the user gave it
     * @param real the file it is, no symlinks
     * @param link the path used to reach it when that is not the real path (a symlink), else {@code null}
     * @param content the bytes read
     */
    record Snapshot(Path given, Path real, String link, byte[] content) {
        String sha256() {
            return TrustStore.sha256(content);
        }

        /** The directory a relative {@code cwd} or command of this config is resolved in. */
        Path realDirectory() {
            return real.getParent();
        }
    }

    /**
     * Reads a config file within the config limits ({@link FileLimits#MAX_CONFIG_BYTES}, regular files only,
     * the errors of {@link BoundedFiles}): the real path is found first, then that path (not the link) is
     * opened without following a symlink, so a link swapped meanwhile cannot pair one file's bytes with
     * another's path.
     */
    static Snapshot snapshot(Path given) throws IOException {
        Path real = given.toRealPath();
        byte[] content = BoundedFiles.readNoFollow(real, given, FileLimits.MAX_CONFIG_BYTES);
        return new Snapshot(given, real, linkPath(given, real), content);
    }

    /**
     * The path used to reach a file, as the symlink it is: its real directory plus its own name. A path
     * through symlinked directories only is the real file itself.
     */
    static String linkPath(Path given, Path real) throws IOException {
        Path absolute = given.toAbsolutePath();
        Path parent = absolute.getParent();
        Path name = absolute.getFileName();
        if (parent == null || name == null) {
            return null;
        }
        Path used = parent.toRealPath().resolve(name);
        return used.equals(real) ? null : used.toString();
    }

    Verdict check(Snapshot file) throws IOException {
        Entry recorded = read().get(file.real().toString());
        if (recorded == null) {
            return Verdict.UNKNOWN;
        }
        boolean same = MessageDigest.isEqual(recorded.sha256().getBytes(StandardCharsets.US_ASCII),
                file.sha256().getBytes(StandardCharsets.US_ASCII));
        if (!same) {
            return Verdict.CHANGED;
        }
        return file.link() == null || recorded.links().contains(file.link()) ? Verdict.TRUSTED : Verdict.LINK_NOT_TRUSTED;
    }

    Verdict check(Path file) throws IOException {
        return check(snapshot(file));
    }

    /** Records the snapshot's content (and the link it was reached through); other entries are kept. */
    Snapshot trust(Path file) throws IOException {
        Snapshot s = snapshot(file);
        update(entries -> {
            Entry old = entries.get(s.real().toString());
            List<String> links = new ArrayList<>(old == null ? List.of() : old.links());
            if (s.link() != null && !links.contains(s.link())) {
                links.add(s.link());
            }
            entries.put(s.real().toString(), new Entry(s.sha256(), links));
            return true;
        });
        return s;
    }

    /** Forgets the file (the real file, with every link to it). */
    boolean revoke(Path file) throws IOException {
        String key = file.toRealPath().toString();
        boolean[] removed = {false};
        update(entries -> removed[0] = entries.remove(key) != null);
        return removed[0];
    }

    Map<String, Entry> entries() throws IOException {
        return read();
    }

    Path location() {
        return dir.resolve(FILE_NAME);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** An edit of the entries; returns whether anything changed. */
    private interface Edit {
        boolean apply(Map<String, Entry> entries);
    }

    /** Read, edit and write under the store's lock, so parallel {@code trust} runs keep each other's entries. */
    private void update(Edit edit) throws IOException {
        Path target = SafeFiles.target(location());
        Path existing = target.getParent();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent(); // created with mode 700 by the writer
        }
        refuseIfOthersCanChange(existing);
        SafeFiles.locked(target, () -> {
            Map<String, Entry> entries = read();
            if (edit.apply(entries)) {
                write(target, entries);
            }
            return null;
        });
    }

    private Map<String, Entry> read() throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        Path file = location();
        if (!Files.exists(file)) {
            return entries;
        }
        refuseIfOthersCanChange(file);
        byte[] bytes = SafeFiles.read(file.toRealPath(), FileLimits.MAX_CONFIG_BYTES).orElse(new byte[0]);
        if (bytes.length == 0) {
            return entries;
        }
        JsonNode files;
        try {
            files = JSON.readTree(bytes).path("files");
        } catch (JsonProcessingException e) {
            throw new CliException(Main.USAGE, file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + "); fix or delete it and trust your configs again");
        }
        for (Map.Entry<String, JsonNode> e : files.properties()) {
            JsonNode v = e.getValue();
            if (v.isTextual()) { // version 1: the hash alone
                entries.put(e.getKey(), new Entry(v.asText(), List.of()));
            } else {
                List<String> links = new ArrayList<>();
                v.path("links").forEach(l -> links.add(l.asText()));
                entries.put(e.getKey(), new Entry(v.path("sha256").asText(), links));
            }
        }
        return entries;
    }

    private static void write(Path target, Map<String, Entry> entries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 2);
        ObjectNode files = root.putObject("files");
        entries.forEach((path, entry) -> {
            ObjectNode e = files.putObject(path);
            e.put("sha256", entry.sha256());
            ArrayNode links = e.putArray("links");
            entry.links().forEach(links::add);
        });
        SafeFiles.write(target, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root),
                SafeFiles.SharedDirectory.REFUSE);
    }

    /** As ssh with a loose key: a store others could change is not honoured. */
    private static void refuseIfOthersCanChange(Path file) {
        List<FileSafety.Violation> problems = PathSafety.checkNotWritableByOthers(file,
                System.getProperty("user.name", ""), null);
        if (!problems.isEmpty()) {
            FileSafety.Violation first = problems.get(0);
            throw new CliException(Main.USAGE, "refusing the trust store: " + first.problem()
                    + "; anyone who can change it could make 'run --config' start their command with your secrets. "
                    + "Fix: " + first.fix() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }
}
