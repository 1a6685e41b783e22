package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.policy.source.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The known MCP server shapes, loaded from a JSON data file. The built-in catalog lives in the
 * resource {@code dev/mcpsecrets/policy/config/servers.json}; its format is documented in the
 * module README. Immutable.
 *
 * @since 0.1
 */
public final class ServerCatalog {
    /** The data format version this class reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String RESOURCE = "servers.json";

    private final List<ServerShape> shapes;

    private ServerCatalog(List<ServerShape> shapes) {
        this.shapes = List.copyOf(shapes);
    }

    /**
     * The catalog shipped with this library.
     *
     * @return the built-in catalog
     */
    public static ServerCatalog builtIn() {
        return parse(resource(RESOURCE));
    }

    /** A data file shipped next to this class, parsed as strict JSON. */
    static JsonDocument resource(String name) {
        try (InputStream in = ServerCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from mcp-policy");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return JsonReader.parse(text, Path.of(name), JsonDialect.STRICT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * A catalog of the given shapes.
     *
     * @param shapes the shapes; ids must be unique
     * @return the catalog
     */
    public static ServerCatalog of(List<ServerShape> shapes) {
        Set<String> ids = new HashSet<>();
        for (ServerShape s : shapes) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("two server shapes with id " + s.id());
            }
        }
        return new ServerCatalog(shapes);
    }

    /**
     * Reads a catalog data file.
     *
     * @param document the parsed file
     * @return the catalog
     * @throws IllegalArgumentException naming the file, line and column of the first problem
     */
    public static ServerCatalog parse(JsonDocument document) {
        JsonValue.ObjectValue root = versionedRoot(document, FORMAT_VERSION);
        JsonValue servers = root.get("servers").orElseThrow(() -> bad(root.location(), "\"servers\" is missing"));
        List<ServerShape> shapes = new ArrayList<>();
        for (JsonValue entry : servers.asArray().orElseThrow(() -> bad(servers.location(), "\"servers\" must be an array"))
                .elements()) {
            shapes.add(shape(object(entry, "a server entry")));
        }
        return of(shapes);
    }

    /** The root object of a data file, after checking that it parsed and has the format version. */
    static JsonValue.ObjectValue versionedRoot(JsonDocument document, int formatVersion) {
        Objects.requireNonNull(document, "document");
        if (!document.problems().isEmpty()) {
            ParseProblem p = document.problems().get(0);
            throw new IllegalArgumentException(p.location().display() + ": " + p.message());
        }
        JsonValue.ObjectValue root = object(document.root().orElseThrow(), "the catalog");
        JsonValue version = root.get("version").orElseThrow(() -> bad(root.location(), "\"version\" is missing"));
        if (!(version instanceof JsonValue.NumberValue n) || !n.text().equals(String.valueOf(formatVersion))) {
            throw bad(version.location(), "\"version\" must be " + formatVersion);
        }
        return root;
    }

    private static ServerShape shape(JsonValue.ObjectValue o) {
        String id = string(o, "id").orElseThrow(() -> bad(o.location(), "\"id\" is missing"));
        JsonValue.ObjectValue match = o.getObject("match").orElseThrow(() -> bad(o.location(), "\"match\" is missing"));
        return new ServerShape(id, string(o, "name").orElse(id), string(o, "category").orElse("other"),
                strings(match, "packages"), strings(match, "urls"), strings(o, "secretEnv"), strings(o, "secretHeaders"),
                strings(o, "secretArgFlags"), strings(o, "databaseUrlEnv"), bool(o, "databaseUrlInArgs"),
                strings(o, "databaseUserEnv"), bool(o, "filesystemRootsInArgs"), strings(o, "readOnlyFlags"),
                strings(o, "readOnlyEnv"), stringMap(o, "secretArgEnv"), string(o, "urlPasswordEnv"));
    }

    private static java.util.Map<String, String> stringMap(JsonValue.ObjectValue o, String name) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        o.get(name).ifPresent(v -> v.asObject().orElseThrow(() -> bad(v.location(), "\"" + name + "\" must be an object"))
                .asMap().forEach((k, e) -> out.put(k, e.asString().orElseThrow(
                        () -> bad(e.location(), "\"" + name + "\" must map to strings")).value())));
        return out;
    }

    static JsonValue.ObjectValue object(JsonValue v, String what) {
        return v.asObject().orElseThrow(() -> bad(v.location(), what + " must be an object"));
    }

    static Optional<String> string(JsonValue.ObjectValue o, String name) {
        Optional<JsonValue> v = o.get(name);
        if (v.isPresent() && v.get().asString().isEmpty()) {
            throw bad(v.get().location(), "\"" + name + "\" must be a string");
        }
        return v.flatMap(JsonValue::asString).map(JsonValue.StringValue::value);
    }

    static boolean bool(JsonValue.ObjectValue o, String name) {
        Optional<JsonValue> v = o.get(name);
        if (v.isEmpty()) {
            return false;
        }
        if (v.get() instanceof JsonValue.BooleanValue b) {
            return b.value();
        }
        throw bad(v.get().location(), "\"" + name + "\" must be true or false");
    }

    static List<String> strings(JsonValue.ObjectValue o, String name) {
        Optional<JsonValue> v = o.get(name);
        if (v.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonValue e : v.get().asArray().orElseThrow(() -> bad(v.get().location(), "\"" + name + "\" must be an array"))
                .elements()) {
            out.add(e.asString().orElseThrow(() -> bad(e.location(), "\"" + name + "\" must hold strings")).value());
        }
        return out;
    }

    static IllegalArgumentException bad(Location at, String message) {
        return new IllegalArgumentException(at.display() + " (" + at.jsonPointer() + "): " + message);
    }

    /**
     * All shapes, in file order.
     *
     * @return the shapes
     */
    public List<ServerShape> shapes() {
        return shapes;
    }

    /**
     * The shape with this id.
     *
     * @param id the id
     * @return the shape, or empty
     */
    public Optional<ServerShape> byId(String id) {
        return shapes.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The first shape that matches a server entry.
     *
     * @param server the entry
     * @return the shape, or empty for an unknown server
     */
    public Optional<ServerShape> identify(McpServer server) {
        return shapes.stream().filter(s -> s.matches(server)).findFirst();
    }

    @Override
    public String toString() {
        return "ServerCatalog[" + shapes.size() + " shapes]";
    }
}
