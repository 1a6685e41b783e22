package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.internal.Hosts;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the database accounts the configured servers would use: connection strings in a server's
 * environment and arguments ({@code POSTGRES_CONNECTION_STRING}, {@code postgresql://...} arguments),
 * the {@code MYSQL_HOST/PORT/USER/PASSWORD/DATABASE} and {@code PGHOST/...} variable groups, and what
 * a server declares about itself ({@link SelfDeclaration#databases()}, and the settings
 * {@code database.url}, {@code database.user}, {@code database.password}).
 */
final class DatabaseTargets {
    private static final List<String> MYSQL_PASSWORDS = List.of("MYSQL_PASSWORD", "MYSQL_PASS", "MYSQL_ROOT_PASSWORD");
    private static final List<String> PG_PASSWORDS = List.of("PGPASSWORD", "POSTGRES_PASSWORD");
    private static final List<String> SELF_PASSWORDS = List.of("database.password", "DATABASE_PASSWORD", "PGPASSWORD",
            "MYSQL_PASSWORD");
    private static final List<String> SELF_URLS = List.of("database.url", "DATABASE_URL");

    /**
     * A target, or why a connection string could not be used.
     *
     * @param target the account, when usable
     * @param where where the unusable setting is
     * @param problem why it is unusable
     * @param fix what to do when the usual advice does not fit (an untrusted config), or empty
     */
    record Found(Optional<DatabaseTarget> target, ProbeTarget where, Optional<String> problem, Optional<String> fix) {
        static Found of(DatabaseTarget t) {
            return new Found(Optional.of(t), t.target(), Optional.empty(), Optional.empty());
        }

        static Found problem(ProbeTarget where, String why) {
            return new Found(Optional.empty(), where, Optional.of(why), Optional.empty());
        }

        static Found problem(ProbeTarget where, CredentialValue.Outcome failed, String otherwise) {
            return new Found(Optional.empty(), where, Optional.of(failed.problem().orElse(otherwise)), failed.fix());
        }
    }

    private DatabaseTargets() {
    }

    static List<Found> find(PolicyContext context) {
        List<Found> out = new ArrayList<>();
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                fromServer(context, server, out);
            }
        }
        context.self().ifPresent(self -> fromSelf(context, self, out));
        return out;
    }

    private static void fromServer(PolicyContext context, McpServer server, List<Found> out) {
        Optional<ServerShape> shape = context.serverCatalog().identify(server);
        boolean readOnly = shape.map(s -> s.isReadOnly(server)).orElse(false);
        Map<String, JsonValue.StringValue> env = ServerEnvironment.of(server);
        for (Map.Entry<String, JsonValue.StringValue> e : env.entrySet()) {
            boolean named = shape.map(s -> s.databaseUrlEnv().contains(e.getKey())).orElse(false);
            ProbeTarget where = new ProbeTarget(server.label(), e.getKey(), e.getValue().location());
            urlValue(context, where, e.getValue().value(), named, readOnly, env, out);
        }
        List<JsonValue.StringValue> args = server.args();
        for (int i = 0; i < args.size(); i++) {
            if (DatabaseUrl.isDatabaseUrl(args.get(i).value())) {
                ProbeTarget where = new ProbeTarget(server.label(), "argument " + (i + 1), args.get(i).location());
                urlValue(context, where, args.get(i).value(), true, readOnly, env, out);
            }
        }
        if (env.containsKey("MYSQL_HOST") || env.containsKey("MYSQL_USER")) {
            out.add(group(context, server, Dialect.MARIADB, "MYSQL_HOST", "MYSQL_PORT", "MYSQL_USER", "MYSQL_DATABASE",
                    MYSQL_PASSWORDS, readOnly));
        }
        if (env.containsKey("PGHOST") || env.containsKey("PGUSER")) {
            out.add(group(context, server, Dialect.POSTGRESQL, "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", PG_PASSWORDS,
                    readOnly));
        }
    }

    private static void urlValue(PolicyContext context, ProbeTarget where, String written, boolean named,
            boolean readOnly, Map<String, JsonValue.StringValue> env, List<Found> out) {
        String text = written;
        String whereText = "written in the config";
        if (!DatabaseUrl.isDatabaseUrl(written)) {
            if (!named) {
                return;
            }
            CredentialValue.Outcome o = CredentialValue.resolve(context, written, where.location());
            if (o.kind() == CredentialValue.Kind.PLAINTEXT) {
                return;
            }
            if (o.secret().isEmpty()) {
                out.add(Found.problem(where, o, "the connection string could not be had"));
                return;
            }
            Secret s = o.secret().get();
            try {
                text = s.revealAsString();
            } finally {
                s.destroy();
            }
            whereText = o.kind() == CredentialValue.Kind.ENVIRONMENT ? "in the environment variable it names"
                    : "in the secret it references";
            if (!DatabaseUrl.isDatabaseUrl(text)) {
                return;
            }
        }
        try {
            DatabaseUrl url = DatabaseUrl.parse(text);
            List<String> passwords = url.dialect() == Dialect.POSTGRESQL ? PG_PASSWORDS : MYSQL_PASSWORDS;
            Optional<String> envPassword = url.password().isPresent() ? Optional.empty()
                    : passwords.stream().map(env::get).filter(v -> v != null).map(JsonValue.StringValue::value).findFirst();
            out.add(Found.of(new DatabaseTarget(where, url.dialect(), url.host(), url.port(), url.database(), url.user(),
                    url.password(), whereText, envPassword, url.properties(),
                    readOnly || DatabaseTarget.readOnlyByName(url.user()))));
        } catch (DatabaseUrl.Malformed e) {
            out.add(Found.problem(where, "the connection string is not usable: " + e.getMessage()));
        }
    }

    private static Found group(PolicyContext context, McpServer server, Dialect dialect, String hostVar, String portVar,
            String userVar, String dbVar, List<String> passwordVars, boolean readOnly) {
        Map<String, JsonValue.StringValue> env = ServerEnvironment.of(server);
        JsonValue.StringValue anchor = env.containsKey(hostVar) ? env.get(hostVar) : env.get(userVar);
        ProbeTarget where = new ProbeTarget(server.label(), hostVar.substring(0, hostVar.indexOf("HOST")) + "* variables",
                anchor.location());
        for (String variable : groupVariables(hostVar, portVar, userVar, dbVar, passwordVars)) {
            JsonValue.StringValue value = env.get(variable);
            Optional<CredentialValue.Outcome> refused = value == null ? Optional.empty()
                    : CredentialValue.refusal(context, value.value(), value.location());
            if (refused.isPresent()) {
                return Found.problem(where, refused.get(), variable + " cannot be read");
            }
        }
        String host = plain(context, env.get(hostVar)).orElse("localhost");
        if (!Hosts.isWellFormed(host)) {
            return Found.problem(where, hostVar + " is not a plain host name or IP address");
        }
        int port = dialect.defaultPort();
        Optional<String> portText = plain(context, env.get(portVar));
        if (portText.isPresent()) {
            try {
                port = Integer.parseInt(portText.get().strip());
            } catch (NumberFormatException e) {
                return Found.problem(where, portVar + " is not a port number");
            }
        }
        Optional<String> user = plain(context, env.get(userVar));
        Optional<String> password = passwordVars.stream().map(env::get).filter(v -> v != null)
                .map(JsonValue.StringValue::value).findFirst();
        return Found.of(new DatabaseTarget(where, dialect, host, port, plain(context, env.get(dbVar)).orElse(""), user,
                Optional.empty(), "", password, Map.of(), readOnly || DatabaseTarget.readOnlyByName(user)));
    }

    private static List<String> groupVariables(String hostVar, String portVar, String userVar, String dbVar,
            List<String> passwordVars) {
        List<String> all = new ArrayList<>(List.of(hostVar, portVar, userVar, dbVar));
        all.addAll(passwordVars);
        return all;
    }

    /**
     * A non-secret setting: placeholders are read from the environment, references are not resolved.
     * Callers have refused untrusted placeholders already.
     */
    private static Optional<String> plain(PolicyContext context, JsonValue.StringValue value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.value().strip();
        if (v.startsWith("$")) {
            CredentialValue.Outcome o = CredentialValue.resolve(context, v, value.location());
            if (o.kind() == CredentialValue.Kind.ENVIRONMENT) {
                return o.secret().map(s -> {
                    try {
                        return s.revealAsString();
                    } finally {
                        s.destroy();
                    }
                });
            }
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static void fromSelf(PolicyContext context, SelfDeclaration self, List<Found> out) {
        Optional<String> password = SELF_PASSWORDS.stream().map(self.secretReferences()::get).filter(v -> v != null)
                .findFirst();
        for (String key : SELF_URLS) {
            String fromSettings = self.settings().get(key);
            String fromSecret = self.secretReferences().get(key);
            String written = fromSettings != null ? fromSettings : fromSecret;
            if (written == null) {
                continue;
            }
            ProbeTarget where = new ProbeTarget(self.serverName(), key, Location.NONE);
            List<Found> found = new ArrayList<>();
            urlValue(context, where, written, true, self.readOnly(), Map.of(), found);
            for (Found f : found) {
                out.add(f.target().map(t -> Found.of(selfTarget(t, self, password, fromSettings != null, "")))
                        .orElse(f));
            }
            break;
        }
        for (int i = 0; i < self.databases().size(); i++) {
            SelfDeclaration.Database db = self.databases().get(i);
            String part = "databases/" + i;
            ProbeTarget where = new ProbeTarget(self.serverName(), part, SelfDeclaration.location(part));
            List<Found> found = new ArrayList<>();
            urlValue(context, where, db.url(), true, self.readOnly(), Map.of(), found);
            for (Found f : found) {
                out.add(f.target().map(t -> Found.of(selfTarget(t, self, password, true, db.user()))).orElse(f));
            }
        }
    }

    private static DatabaseTarget selfTarget(DatabaseTarget t, SelfDeclaration self, Optional<String> password,
            boolean urlInSettings, String declaredUser) {
        Optional<String> user = !declaredUser.isBlank() ? Optional.of(declaredUser)
                : t.user().isPresent() ? t.user() : Optional.ofNullable(self.settings().get("database.user"));
        return new DatabaseTarget(t.target(), t.dialect(), t.host(), t.port(), t.database(), user, t.urlPassword(),
                urlInSettings ? "declared in the server's settings" : t.urlPasswordWhere(),
                t.urlPassword().isPresent() ? Optional.empty() : password, t.requestedProperties(),
                self.readOnly() || DatabaseTarget.readOnlyByName(user));
    }
}
