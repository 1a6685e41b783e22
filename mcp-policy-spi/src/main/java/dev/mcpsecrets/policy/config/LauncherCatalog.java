package dev.mcpsecrets.policy.config;

import static dev.mcpsecrets.policy.config.ServerCatalog.bad;
import static dev.mcpsecrets.policy.config.ServerCatalog.bool;
import static dev.mcpsecrets.policy.config.ServerCatalog.object;
import static dev.mcpsecrets.policy.config.ServerCatalog.string;
import static dev.mcpsecrets.policy.config.ServerCatalog.strings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The known stdio-to-remote launchers, loaded from a JSON data file like the {@link ServerCatalog}: the
 * built-in one is the resource {@code dev/mcpsecrets/policy/config/launchers.json}, its format documented
 * in the module README. Immutable.
 *
 * @since 0.2.0
 */
public final class LauncherCatalog {
    /** The data format version this class reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String RESOURCE = "launchers.json";

    private final List<LauncherShape> launchers;

    private LauncherCatalog(List<LauncherShape> launchers) {
        this.launchers = List.copyOf(launchers);
    }

    /**
     * The catalog shipped with this library.
     *
     * @return the built-in catalog (one shared instance)
     */
    public static LauncherCatalog builtIn() {
        return Holder.BUILT_IN;
    }

    private static final class Holder {
        static final LauncherCatalog BUILT_IN = parse(ServerCatalog.resource(RESOURCE));
    }

    /**
     * A catalog of the given launchers.
     *
     * @param launchers the launchers; ids must be unique
     * @return the catalog
     */
    public static LauncherCatalog of(List<LauncherShape> launchers) {
        Set<String> ids = new HashSet<>();
        for (LauncherShape l : launchers) {
            if (!ids.add(l.id())) {
                throw new IllegalArgumentException("two launchers with id " + l.id());
            }
        }
        return new LauncherCatalog(launchers);
    }

    /**
     * Reads a launcher data file.
     *
     * @param document the parsed file
     * @return the catalog
     * @throws IllegalArgumentException naming the file, line and column of the first problem
     */
    public static LauncherCatalog parse(JsonDocument document) {
        JsonValue.ObjectValue root = ServerCatalog.versionedRoot(document, FORMAT_VERSION);
        JsonValue list = root.get("launchers").orElseThrow(() -> bad(root.location(), "\"launchers\" is missing"));
        List<LauncherShape> out = new ArrayList<>();
        for (JsonValue entry : list.asArray().orElseThrow(() -> bad(list.location(), "\"launchers\" must be an array"))
                .elements()) {
            out.add(launcher(object(entry, "a launcher entry")));
        }
        return of(out);
    }

    private static LauncherShape launcher(JsonValue.ObjectValue o) {
        String id = string(o, "id").orElseThrow(() -> bad(o.location(), "\"id\" is missing"));
        JsonValue.ObjectValue match = o.getObject("match").orElseThrow(() -> bad(o.location(), "\"match\" is missing"));
        List<String> packages = strings(match, "packages");
        if (packages.isEmpty()) {
            throw bad(match.location(), "\"packages\" must name at least one package");
        }
        return new LauncherShape(id, string(o, "name").orElse(id), string(o, "source").orElse(""), packages,
                strings(match, "subcommand"), bool(o, "urlPositional"), strings(o, "urlFlags"), strings(o, "headerFlags"),
                strings(o, "headerPairFlags"), strings(o, "bearerFlags"), strings(o, "bearerEnv"),
                strings(o, "secretFlags"), strings(o, "valueFlags"), strings(o, "switches"),
                bool(o, "expandsEnvInHeaders"));
    }

    /**
     * All launchers, in file order.
     *
     * @return the launchers
     */
    public List<LauncherShape> launchers() {
        return launchers;
    }

    /**
     * How an entry reaches a remote server through a launcher.
     *
     * @param server the entry
     * @return the first launcher that reads a URL from its command line, or empty
     */
    public Optional<RemoteLaunch> read(McpServer server) {
        if (server.transport() != McpServer.Transport.STDIO) {
            return Optional.empty();
        }
        for (LauncherShape l : launchers) {
            Optional<RemoteLaunch> launch = l.read(server);
            if (launch.isPresent()) {
                return launch;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "LauncherCatalog[" + launchers.size() + " launchers]";
    }
}
