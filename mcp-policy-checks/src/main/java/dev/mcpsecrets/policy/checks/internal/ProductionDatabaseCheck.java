package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code MCP-DB-002}: a database server pointed at a production-looking database (host or database
 * name with {@code prod}/{@code production}/{@code prd}) without anything that makes it read-only: no
 * read-only switch of the server and no read-only-looking user. The guide's checklist: restrict direct
 * access to the production database.
 */
public final class ProductionDatabaseCheck extends ServerEntryCheck {
    static final String ID = "MCP-DB-002";
    private static final Pattern PRODUCTION = Pattern.compile("(?i)(?:^|[^a-z])(?:prod|production|prd)(?:[^a-z]|$)");
    private static final Pattern READ_ONLY_USER = Pattern.compile(
            "(?i)read.?only|(?:^|[_.-])ro(?:$|[_.-])|reader|viewer|analyst|report");
    private static final Pattern TARGET_NAME = Pattern.compile("(?i)(?:^|_)(?:HOST|HOSTNAME|SERVER|DATABASE|DB|DBNAME)$");
    private static final Pattern USER_NAME = Pattern.compile("(?i)(?:^|_)USER(?:NAME)?$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Database servers with write access to a production-looking database";
    }

    @Override
    void check(McpServer server, Optional<ServerShape> shape, PolicyContext context, List<Finding> findings) {
        if (shape.filter(s -> s.category().equals("database")).isEmpty()) {
            return;
        }
        List<String[]> named = new ArrayList<>();
        Map<String, JsonValue.StringValue> env = server.env();
        env.forEach((k, v) -> named.add(new String[] {k, v.value()}));
        ShellScript.scriptArgument(server.commandLine()).ifPresent(arg -> ShellScript.parse(arg.value())
                .assignments().forEach(a -> named.add(new String[] {a.name(), a.value()})));
        server.args().forEach(a -> named.add(new String[] {"", a.value()}));
        if (readOnly(server, shape.get(), named)) {
            return;
        }
        for (JsonValue.StringValue value : server.credentialCarriers()) {
            Optional<String> target = productionTarget(value.value(), named);
            if (target.isPresent()) {
                findings.add(finding(server, value, target.get(), context));
                break;
            }
        }
    }

    private static boolean readOnly(McpServer server, ServerShape shape, List<String[]> named) {
        if (shape.isReadOnly(server)) {
            return true;
        }
        for (String[] n : named) {
            if (USER_NAME.matcher(n[0]).find() && READ_ONLY_USER.matcher(n[1]).find()) {
                return true;
            }
            Optional<String> user = DatabaseUserCheck.urlUser(n[1]);
            if (user.isPresent() && READ_ONLY_USER.matcher(user.get()).find()) {
                return true;
            }
        }
        return false;
    }

    /** The production-looking host or database a value names, if any. */
    private static Optional<String> productionTarget(String value, List<String[]> named) {
        for (String[] n : named) {
            if (!value.contains(n[1]) || n[1].isEmpty()) {
                continue;
            }
            if (TARGET_NAME.matcher(n[0]).find() && PRODUCTION.matcher(n[1]).find()) {
                return Optional.of(n[0] + "=" + n[1]);
            }
            if (ServerShape.looksLikeDatabaseUrl(n[1])) {
                Optional<String> target = urlTarget(n[1]);
                if (target.isPresent()) {
                    return target;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> urlTarget(String url) {
        String u = url.strip();
        try {
            URI uri = new URI(u.startsWith("jdbc:") ? u.substring(5) : u);
            String host = uri.getHost() == null ? "" : uri.getHost();
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (PRODUCTION.matcher(host).find() || PRODUCTION.matcher(path).find()) {
                return Optional.of(host + path);
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Finding finding(McpServer server, JsonValue.StringValue at, String target, PolicyContext context) {
        String profile = context.profile().isProduction() ? "" : " while auditing the " + context.profile().name()
                + " profile";
        return Finding.builder(ID, Severity.MEDIUM)
                .title("Write access to a production database")
                .message("Server '" + server.label() + "' connects to " + target + ", which looks like production, with "
                        + "neither a read-only switch nor a read-only user" + profile
                        + ": a prompt injection can change production data")
                .location(at.location())
                .remediation("Connect as a read-only user (the guide's prod_readonly: GRANT SELECT ON myapp_prod.* TO "
                        + "'prod_readonly'@'%'), use a replica, or set the server's read-only switch (e.g. "
                        + "--access-mode=restricted); keep production in a config of its own.")
                .fingerprintHint(target)
                .build();
    }
}
