package dev.mcpsecrets.policy.checks.internal;

import static dev.mcpsecrets.api.internal.files.FileSafety.shellQuote;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.LauncherCatalog;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.RemoteLaunch;
import dev.mcpsecrets.policy.config.ServerCatalog;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Builds the exact fixes the findings name: a reference to put in place, and the mcp-secrets run line. */
final class Remediation {
    private Remediation() {
    }

    /**
     * A 1Password reference for a variable of a server, e.g. {@code op://Private/GitHub/token}.
     *
     * @param server the server
     * @param shape its shape, if known
     * @param name the variable or header name
     * @return the suggested reference
     */
    static String opReference(McpServer server, Optional<ServerShape> shape, String name) {
        String item = shape.map(ServerShape::name).orElse(server.name()).replace('/', '-');
        return "op://Private/" + item + "/" + field(name);
    }

    static String field(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.contains("PASS") || n.contains("PWD")) {
            return "password";
        }
        if (n.contains("API_KEY") || n.contains("APIKEY") || n.contains("API-KEY")) {
            return "api-key";
        }
        if (n.contains("SECRET")) {
            return "secret";
        }
        if (n.contains("KEY")) {
            return "key";
        }
        return n.contains("TOKEN") || n.contains("AUTH") ? "token" : "credential";
    }

    /**
     * What the server really runs: the command line, or the command of an {@code sh -c} wrapper, or
     * what follows {@code --} when it is already started through {@code mcp-secrets run}.
     *
     * @param server the server
     * @return the words of the command
     */
    static List<String> serverCommand(McpServer server) {
        List<String> line = server.commandLine().stream().map(JsonValue.StringValue::value).collect(Collectors.toList());
        Optional<JsonValue.StringValue> script = ShellScript.scriptArgument(server.commandLine());
        if (script.isPresent()) {
            return ShellScript.parse(script.get().value()).finalCommand();
        }
        if (!line.isEmpty() && program(line.get(0)).equals("mcp-secrets") && line.contains("--")) {
            return line.subList(line.indexOf("--") + 1, line.size());
        }
        return line;
    }

    /** Launchers whose name may be shown: a fixed list, never the config's own word. */
    private static final Set<String> PROGRAMS = Set.of("npx", "node", "uvx", "uv", "python", "python3", "pipx",
            "docker", "podman", "deno", "bun", "bunx", "pnpm", "pnpx", "yarn", "npm", "java", "go", "dotnet",
            "ruby", "php", "sh", "bash", "zsh");

    /** Flags and subcommands of those launchers that carry no value of their own. */
    private static final Set<String> WORDS = Set.of("-y", "--yes", "-i", "--interactive", "--rm", "-t", "--tty",
            "--init", "-q", "--quiet", "run", "exec", "dlx", "x", "-m", "stdio", "--stdio", "start", "serve", "-e",
            "--env", "-jar", "--");

    private static final Pattern VERSION = Pattern.compile("latest|v?\\d{1,6}(\\.\\d{1,6}){0,3}([-+][0-9A-Za-z.]{1,20})?");

    /**
     * The server's command rebuilt from what is known to be safe to show: the launcher's name from a
     * fixed list, flags from a fixed vocabulary, the catalogued package name. Every other word becomes
     * {@code <argN>} (N its position in the command, the program being 0), since no rule vouched for it
     * and it may hold a credential no pattern recognised ({@code -k <token>}, {@code --pat <token>}).
     * Words holding a plaintext secret that was found are left out, with the flag before them.
     *
     * @param server the server
     * @param shape what the catalog knows about it
     * @param secrets the plaintext secrets found in the configs
     * @return the words, safe to show
     */
    static List<String> commandWithout(McpServer server, Optional<ServerShape> shape,
            java.util.Collection<Plaintext> secrets) {
        List<String> command = serverCommand(server);
        List<String> words = new ArrayList<>();
        boolean previousDropped = false;
        for (int i = 0; i < command.size(); i++) {
            String w = command.get(i);
            boolean secret = false;
            for (Plaintext p : secrets) {
                if (p.server() == server && !p.value().isEmpty() && w.contains(p.value())) {
                    secret = true;
                }
            }
            if (secret) {
                // the flag that introduced the secret goes with it
                if (!w.startsWith("-") && !words.isEmpty() && i > 0 && command.get(i - 1).startsWith("-")
                        && !previousDropped) {
                    words.remove(words.size() - 1);
                }
                previousDropped = true;
                continue;
            }
            previousDropped = false;
            words.add(safeWord(w, i, shape));
        }
        return words;
    }

    /**
     * The same for a server of which no secret is known to be on the command line.
     *
     * @param server the server
     * @param shape what the catalog knows about it
     * @return the words, safe to show
     */
    static List<String> safeCommand(McpServer server, Optional<ServerShape> shape) {
        return commandWithout(server, shape, List.of());
    }

    /**
     * What the placeholders mean, to follow a line that has any.
     *
     * @param words the words of a command built here
     * @return a sentence, or an empty string
     */
    static String placeholderNote(List<String> words) {
        for (String w : words) {
            if (PLACEHOLDER.matcher(w).matches()) {
                return " (<argN> stands for word N of the current command, 0 being the program: copy those "
                        + "words from the config yourself; they are not repeated here as they may hold a credential)";
            }
        }
        return "";
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("<(command|arg\\d+)>");

    private static String safeWord(String word, int index, Optional<ServerShape> shape) {
        if (index == 0) {
            String name = program(word);
            return PROGRAMS.contains(name) ? name : "<command>";
        }
        if (WORDS.contains(word) || shape.map(s -> isPackage(word, s)).orElse(false)) {
            return word;
        }
        return "<arg" + index + ">";
    }

    /**
     * What the catalog knows about the server, also when it is started through a shell wrapper or
     * {@code mcp-secrets run}, where the package is a word of the inner command.
     *
     * @param server the server
     * @param catalog the catalog
     * @return its shape, or empty
     */
    static Optional<ServerShape> shapeOf(McpServer server, ServerCatalog catalog) {
        Optional<ServerShape> direct = catalog.identify(server);
        if (direct.isPresent()) {
            return direct;
        }
        List<String> words = serverCommand(server);
        for (ServerShape shape : catalog.shapes()) {
            for (String w : words) {
                if (isPackage(w, shape)) {
                    return Optional.of(shape);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isPackage(String word, ServerShape shape) {
        for (String p : shape.packages()) {
            if (word.equals(p)) {
                return true;
            }
            if (word.length() > p.length() + 1 && word.startsWith(p)
                    && (word.charAt(p.length()) == '@' || word.charAt(p.length()) == ':')
                    && VERSION.matcher(word.substring(p.length() + 1)).matches()) {
                return true;
            }
        }
        return false;
    }

    static String program(String token) {
        int slash = Math.max(token.lastIndexOf('/'), token.lastIndexOf('\\'));
        return token.substring(slash + 1);
    }

    /**
     * The run line for a given command.
     *
     * @param refs {@code NAME=reference} assignments
     * @param command the words of the command
     * @return the line
     */
    static String runLine(List<String> refs, List<String> command) {
        StringBuilder sb = new StringBuilder("mcp-secrets run");
        for (String r : refs) {
            sb.append(" --env ").append(shellQuote(r));
        }
        sb.append(" --");
        command.forEach(w -> sb.append(' ').append(shellQuote(w)));
        return sb.toString();
    }

    /**
     * The config entry for a given command.
     *
     * @param refs {@code NAME=reference} assignments
     * @param command the words of the command
     * @return the JSON members
     */
    static String runEntry(List<String> refs, List<String> command) {
        List<String> args = new ArrayList<>();
        args.add("run");
        for (String r : refs) {
            args.add("--env");
            args.add(r);
        }
        args.add("--");
        args.addAll(command);
        return "\"command\": \"mcp-secrets\", \"args\": [" + args.stream().map(Remediation::jsonString)
                .collect(Collectors.joining(", ")) + "]";
    }

    /**
     * The fix for a secret sent to a remote server (a remote entry's header or URL, or a launcher's): the
     * entry started as {@code mcp-secrets bridge}, which adds the headers with the token resolved from a
     * reference at start, so no token is in the file or on a command line.
     *
     * @param p the secret
     * @param all every secret found, to turn each secret header of the entry into a reference
     * @return the sentence with the bridge line and the config entry
     */
    static String bridgeFix(Plaintext p, java.util.Collection<Plaintext> all) {
        McpServer server = p.server();
        Optional<RemoteLaunch> launch = LauncherCatalog.builtIn().read(server);
        Optional<String> url = launch.map(l -> l.url().value()).or(() -> server.url().map(JsonValue.StringValue::value));
        List<String> args = new ArrayList<>(List.of("bridge"));
        List<String[]> headers = new ArrayList<>();
        launch.ifPresent(l -> l.headers().forEach(h -> headers.add(new String[] {h.name(), h.value(), pointer(h.carrier())})));
        server.headers().forEach((name, v) -> headers.add(new String[] {name, v.value(), v.pointer()}));
        boolean others = false;
        for (String[] h : headers) {
            boolean secret = all.stream().anyMatch(o -> o.server() == server && (pointer(o.carrier()).equals(h[2])
                    || h[1].contains("${" + o.name() + "}")));
            if (secret) {
                args.add("--header");
                args.add(h[0] + ": " + scheme(h[1]) + "{keychain:mcp-" + server.name() + "/" + headerVariable(h[0]) + "}");
            } else {
                others = true;
            }
        }
        if (args.size() == 1) {
            args.add("--header");
            args.add("Authorization: Bearer {keychain:mcp-" + server.name() + "/AUTHORIZATION}");
        }
        args.add(url.map(Remediation::shownUrl).orElse("<url>"));
        List<String> line = new ArrayList<>(List.of("mcp-secrets"));
        line.addAll(args);
        String via = launch.map(l -> " instead of " + l.launcher().name()).orElse("");
        return "Store the token (e.g. mcp-secrets keychain set mcp-" + server.name() + "/" + headerVariable(
                p.place() == Plaintext.Place.URL || p.place() == Plaintext.Place.LAUNCHER_URL ? "Authorization" : p.name())
                + ") and let the client start mcp-secrets bridge" + via + ": it adds the header with the value "
                + "resolved at start, so the token is neither in the file nor on a command line: "
                + line.stream().map(w -> shellQuote(w)).collect(Collectors.joining(" "))
                + "  — in the config: \"command\": \"mcp-secrets\", \"args\": ["
                + args.stream().map(Remediation::jsonString).collect(Collectors.joining(", ")) + "]"
                + (others ? "; keep the entry's other headers as further --header options" : "")
                + (p.place() == Plaintext.Place.URL || p.place() == Plaintext.Place.LAUNCHER_URL
                        ? "; a credential in the URL itself must move to a header the server accepts" : "")
                + ". mcp-secrets migrate does all of this and reads each value back first.";
    }

    private static String pointer(JsonValue.StringValue v) {
        return v.location().jsonPointer() == null ? "" : v.location().jsonPointer();
    }

    /** The store name part for a header: {@code X-Api-Key} becomes {@code X_API_KEY}. */
    static String headerVariable(String header) {
        String v = header.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return v.isEmpty() || Character.isDigit(v.charAt(0)) ? "H_" + v : v;
    }

    /** The auth scheme word of a header value with its space ({@code Bearer }), or nothing. */
    private static String scheme(String value) {
        String v = value.stripLeading();
        int space = v.indexOf(' ');
        return space > 0 && v.substring(0, space).matches("(?i)bearer|basic|token|apikey") ? v.substring(0, space + 1) : "";
    }

    /**
     * A URL as it may be shown: scheme, host and port; a path becomes {@code <path>} (some services put
     * a key into it), and the query, fragment and user information are left out.
     *
     * @param url the URL as written
     * @return e.g. {@code https://mcp.notion.com/<path>}
     */
    static String shownUrl(String url) {
        try {
            java.net.URI u = new java.net.URI(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "<url>";
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/") ? ""
                    : "/<path>";
            return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + path;
        } catch (java.net.URISyntaxException e) {
            return "<url>";
        }
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
