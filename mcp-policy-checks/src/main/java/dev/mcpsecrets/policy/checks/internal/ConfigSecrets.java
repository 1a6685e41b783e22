package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.LauncherCatalog;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.RemoteLaunch;
import dev.mcpsecrets.policy.config.ServerShape;
import dev.mcpsecrets.policy.checks.internal.Plaintext.Place;
import dev.mcpsecrets.policy.checks.internal.scan.SecretMatch;
import dev.mcpsecrets.policy.checks.internal.scan.SecretRuleSet;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the plaintext secrets of MCP client configs: known formats anywhere in {@code env},
 * {@code headers}, the URL and the command line (including {@code sh -c} scripts), and literal
 * values under credential-looking names. The URL, headers and credentials a stdio launcher
 * ({@link LauncherCatalog}) sends to a remote server are judged as those of a remote entry.
 * References and substitutions are never reported.
 */
final class ConfigSecrets {
    /**
     * What is shown as an argument's name: an option's shape. Anything else before a '=' (a PEM header,
     * a pasted value) is the value itself and is never named.
     */
    private static final java.util.regex.Pattern FLAG = java.util.regex.Pattern.compile("--?[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final List<String> AUTH_SCHEMES = List.of("bearer ", "basic ", "token ", "apikey ");

    private final SecretScanner scanner;
    private final SecretRuleSet rules;
    private final LauncherCatalog launchers = LauncherCatalog.builtIn();

    ConfigSecrets(SecretScanner scanner) {
        this.scanner = scanner;
        this.rules = scanner.ruleSet();
    }

    static ConfigSecrets builtIn() {
        return new ConfigSecrets(SecretScanner.builtIn());
    }

    /**
     * Every plaintext secret of every config in the context, in document order.
     *
     * @param context the context
     * @return the secrets
     */
    List<Plaintext> find(PolicyContext context) {
        List<Plaintext> out = new ArrayList<>();
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                find(config, server, context.serverCatalog().identify(server), out);
            }
        }
        return out;
    }

    private void find(McpConfigFile config, McpServer server, Optional<ServerShape> shape, List<Plaintext> out) {
        Finder f = new Finder(config, server, shape, out);
        Optional<RemoteLaunch> launch = launchers.read(server);
        List<String> headerVariables = launch.map(l -> l.headerVariables(server)).orElse(List.of());
        List<String> bearerEnv = launch.map(l -> l.launcher().bearerEnv()).orElse(List.of());
        for (Map.Entry<String, JsonValue.StringValue> e : server.env().entrySet()) {
            // a variable the launcher sends as a header value is a credential whatever its name
            boolean header = headerVariables.contains(e.getKey()) || bearerEnv.contains(e.getKey());
            boolean declared = header || shape.map(s -> s.secretEnv().contains(e.getKey())).orElse(false);
            String value = header ? withoutAuthScheme(e.getValue().value()) : e.getValue().value();
            f.named(Place.ENV, e.getKey(), e.getValue(), value, declared);
        }
        for (Map.Entry<String, JsonValue.StringValue> e : server.headers().entrySet()) {
            boolean declared = isSecretHeader(e.getKey(), shape);
            f.named(Place.HEADER, e.getKey(), e.getValue(), withoutAuthScheme(e.getValue().value()), declared);
        }
        server.url().ifPresent(u -> f.url(Place.URL, u));
        launch.ifPresent(l -> launched(f, l, shape));
        commandLine(f, server, shape, launch);
    }

    /** What a launcher sends to the remote server: judged as a remote entry's URL and headers. */
    private void launched(Finder f, RemoteLaunch launch, Optional<ServerShape> shape) {
        for (RemoteLaunch.Header h : launch.headers()) {
            if (h.form() != RemoteLaunch.Header.Form.BEARER_ENV) {
                f.named(Place.LAUNCHER_HEADER, h.name(), h.carrier(), withoutAuthScheme(h.value()),
                        isSecretHeader(h.name(), shape));
            }
        }
        f.url(Place.LAUNCHER_URL, launch.url());
        for (RemoteLaunch.Credential c : launch.credentials()) {
            f.named(Place.ARG, c.flag(), c.carrier(), c.value(), true);
        }
    }

    static boolean isSecretHeader(String name, Optional<ServerShape> shape) {
        return name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")
                || shape.map(s -> s.secretHeaders().stream().anyMatch(name::equalsIgnoreCase)).orElse(false);
    }

    private void commandLine(Finder f, McpServer server, Optional<ServerShape> shape, Optional<RemoteLaunch> launch) {
        List<JsonValue.StringValue> line = server.commandLine();
        Optional<JsonValue.StringValue> script = ShellScript.scriptArgument(line);
        List<String> flags = shape.map(ServerShape::secretArgFlags).orElse(List.of());
        for (int i = 0; i < line.size(); i++) {
            JsonValue.StringValue arg = line.get(i);
            if (launch.isPresent() && launch.get().consumes(arg)) {
                continue;
            }
            if (script.isPresent() && script.get() == arg) {
                f.script(arg);
                continue;
            }
            String text = arg.value();
            int eq = text.indexOf('=');
            if (text.startsWith("-") && eq > 0 && FLAG.matcher(text.substring(0, eq)).matches()) {
                String flag = text.substring(0, eq);
                f.named(Place.ARG, flag, arg, text.substring(eq + 1), flags.contains(flag));
            } else if (FLAG.matcher(text).matches() && i + 1 < line.size()
                    && (flags.contains(text) || rules.isSecretName(text))) {
                JsonValue.StringValue next = line.get(++i);
                f.named(Place.ARG, text, next, next.value(), flags.contains(text));
            } else if (!text.startsWith("-") && eq > 0 && ShellScript.assignment(text).isPresent()) {
                f.named(Place.ARG, text.substring(0, eq), arg, text.substring(eq + 1), false);
            } else {
                f.known(Place.ARG, "", arg, text);
            }
        }
    }

    private static String withoutAuthScheme(String value) {
        String lower = value.stripLeading().toLowerCase(java.util.Locale.ROOT);
        for (String scheme : AUTH_SCHEMES) {
            if (lower.startsWith(scheme)) {
                return value.stripLeading().substring(scheme.length());
            }
        }
        return value;
    }

    /** Collects the findings of one server entry. */
    private final class Finder {
        private final McpConfigFile config;
        private final McpServer server;
        private final Optional<ServerShape> shape;
        private final List<Plaintext> out;

        Finder(McpConfigFile config, McpServer server, Optional<ServerShape> shape, List<Plaintext> out) {
            this.config = config;
            this.server = server;
            this.shape = shape;
            this.out = out;
        }

        /** Known formats in a value; returns whether one was found. */
        boolean known(Place place, String name, JsonValue.StringValue carrier, String value) {
            String literal = References.literalPart(value);
            if (literal.isBlank()) {
                return false;
            }
            boolean found = false;
            for (SecretMatch m : scanner.scanKnownFormats(literal)) {
                out.add(new Plaintext(config, server, shape, carrier, place, name, m.rule().kind(), true,
                        m.value(literal)));
                found = true;
            }
            return found;
        }

        /** Known formats in {@code NAME=value}, so rules that need the name (AWS secret keys) see it. */
        boolean knownWithName(Place place, String name, JsonValue.StringValue carrier, String value) {
            String literal = References.literalPart(value);
            if (literal.isBlank()) {
                return false;
            }
            String text = name + "=" + literal;
            boolean found = false;
            for (SecretMatch m : scanner.scanKnownFormats(text)) {
                if (m.start() > name.length()) {
                    out.add(new Plaintext(config, server, shape, carrier, place, name, m.rule().kind(), true,
                            m.value(text)));
                    found = true;
                }
            }
            return found;
        }

        /** A value under a name: known formats first, then the credential-name rule. */
        void named(Place place, String name, JsonValue.StringValue carrier, String value, boolean declaredSecret) {
            if (knownWithName(place, name, carrier, value)) {
                return;
            }
            // a value built with substitutions names its secret; only known formats count in its literal part
            String literal = value.strip();
            if (literal.isEmpty() || References.isSchemeReference(literal) || !References.substitutions(literal).isEmpty()) {
                return;
            }
            if ((declaredSecret || rules.isSecretName(name)) && rules.isSecretValue(name, literal)) {
                out.add(new Plaintext(config, server, shape, carrier, place, name, "value of " + name, false, literal));
            }
        }

        void url(Place place, JsonValue.StringValue url) {
            known(place, "", url, url.value());
            int q = url.value().indexOf('?');
            if (q < 0) {
                return;
            }
            for (String pair : url.value().substring(q + 1).split("[&#]")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq);
                    String value = pair.substring(eq + 1);
                    if (References.literalPart(value).strip().equals(value.strip()) && rules.isSecretName(name)
                            && rules.isSecretValue(name, value) && scanner.scanKnownFormats(value).isEmpty()) {
                        out.add(new Plaintext(config, server, shape, url, place, name, "value of " + name, false,
                                value));
                    }
                }
            }
        }

        void script(JsonValue.StringValue arg) {
            ShellScript script = ShellScript.parse(arg.value());
            int before = out.size();
            known(Place.SHELL_SCRIPT, "", arg, arg.value());
            List<Plaintext> knownHere = List.copyOf(out.subList(before, out.size()));
            for (ShellScript.Assignment a : script.assignments()) {
                boolean covered = knownHere.stream().anyMatch(p -> a.value().contains(p.value()));
                if (!covered) {
                    named(Place.SHELL_SCRIPT, a.name(), arg, a.value(), false);
                }
            }
            for (ShellScript.Word w : script.words()) {
                String t = w.text();
                int eq = t.indexOf('=');
                boolean covered = knownHere.stream().anyMatch(p -> t.contains(p.value()));
                if (!covered && t.startsWith("--") && eq > 0 && rules.isSecretName(t.substring(0, eq))) {
                    named(Place.SHELL_SCRIPT, t.substring(0, eq), arg, t.substring(eq + 1), false);
                }
            }
        }
    }
}
