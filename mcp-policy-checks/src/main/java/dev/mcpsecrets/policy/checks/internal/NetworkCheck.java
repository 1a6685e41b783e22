package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.LauncherCatalog;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.RemoteLaunch;
import dev.mcpsecrets.policy.config.ServerShape;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Transport security of MCP servers, in client configs and in what a server declares about itself
 * (endpoints, database URLs, settings).
 *
 * <ul>
 *   <li>{@code MCP-NET-001}: a remote server, or an endpoint a server is pointed at, over plain
 *       {@code http://} off the loopback interface.</li>
 *   <li>{@code MCP-NET-002}: TLS certificate verification switched off
 *       ({@code NODE_TLS_REJECT_UNAUTHORIZED=0}, {@code --insecure}, {@code verify_ssl: false},
 *       {@code sslmode=disable} to a remote database …).</li>
 * </ul>
 */
public final class NetworkCheck extends ServerEntryCheck {
    static final String PLAIN_HTTP = "MCP-NET-001";
    static final String NO_TLS_VERIFY = "MCP-NET-002";
    private static final Set<String> INSECURE_FLAGS = Set.of("--insecure", "--no-verify-ssl", "--no-ssl-verify",
            "--ignore-certificate-errors", "--insecure-skip-tls-verify", "--tls-skip-verify", "--skip-tls-verify",
            "--disable-ssl-verification", "--no-check-certificate", "--allow-insecure", "--ignore-https-errors");
    private static final Pattern VERIFY_NAME = Pattern.compile(
            "(?i)(?:^|[_-])(?:verify[_-]?ssl|ssl[_-]?verify|tls[_-]?verify|verify[_-]?tls|verify[_-]?certs?|"
                    + "ssl[_-]?verification|reject[_-]?unauthorized|sslverify|verifyssl|rejectunauthorized|pythonhttpsverify)$");
    private static final Pattern INSECURE_NAME = Pattern.compile(
            "(?i)(?:^|[_-])(?:insecure|skip[_-]?tls[_-]?verify|tls[_-]?insecure|allow[_-]?insecure|ignore[_-]?ssl|"
                    + "disable[_-]?ssl|ssl[_-]?no[_-]?verify|no[_-]?verify|insecureskipverify|skiptlsverify)$");
    private static final Pattern TLS_OFF_QUERY = Pattern.compile(
            "(?i)[?&](?:sslmode=disable|ssl=false|tls=false|usessl=false|encrypt=false)(?:&|$)");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "off");
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

    @Override
    public String id() {
        return PLAIN_HTTP;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(PLAIN_HTTP, NO_TLS_VERIFY);
    }

    @Override
    public String description() {
        return "Plain-http endpoints and TLS verification switched off";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.SELF, PolicyScope.CONFIG);
    }

    @Override
    void checkSelf(SelfDeclaration self, PolicyContext context, List<Finding> findings) {
        for (int i = 0; i < self.endpoints().size(); i++) {
            declaredHttp(self, self.endpoints().get(i), "endpoints/" + i, "an endpoint", Severity.HIGH, findings);
        }
        for (int i = 0; i < self.databases().size(); i++) {
            declaredTlsOff(self, self.databases().get(i).url(), "databases/" + i, findings);
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(self.settings()).entrySet()) {
            String part = "settings/" + e.getKey().replace("~", "~0").replace("/", "~1");
            declaredHttp(self, e.getValue(), part, "the setting " + e.getKey(), Severity.MEDIUM, findings);
            declaredTlsOff(self, e.getValue(), part, findings);
            String name = e.getKey().replaceAll(".*[.]", "");
            String v = e.getValue().strip().toLowerCase(Locale.ROOT);
            if ((VERIFY_NAME.matcher(name).find() && FALSE.contains(v))
                    || (INSECURE_NAME.matcher(name).find() && TRUE.contains(v))) {
                findings.add(declaredTls(self, part, "sets " + e.getKey() + "=" + e.getValue().strip()));
            }
        }
    }

    private static void declaredHttp(SelfDeclaration self, String url, String part, String what, Severity severity,
            List<Finding> findings) {
        Optional<String> host = remotePlainHttpHost(url);
        if (host.isEmpty()) {
            return;
        }
        findings.add(Finding.builder(PLAIN_HTTP, severity)
                .title("Declared plain-HTTP endpoint on a remote host")
                .message("Server '" + self.serverName() + "' declares " + what + " at " + host.get()
                        + " over plain http://: tokens, prompts and results cross the network readable and changeable")
                .location(SelfDeclaration.location(part))
                .remediation(plainHttpRemedy(host.get()))
                .fingerprintHint("self:" + part)
                .build());
    }

    private static void declaredTlsOff(SelfDeclaration self, String url, String part, List<Finding> findings) {
        String v = url.strip();
        String bare = v.regionMatches(true, 0, "jdbc:", 0, 5) ? v.substring(5) : v;
        if (TLS_OFF_QUERY.matcher(v).find() && remoteHost(bare).isPresent()) {
            findings.add(declaredTls(self, part, "connects to a remote database with encryption disabled"));
        }
    }

    private static Finding declaredTls(SelfDeclaration self, String part, String what) {
        return Finding.builder(NO_TLS_VERIFY, Severity.HIGH)
                .title("TLS verification switched off in the declaration")
                .message("Server '" + self.serverName() + "' " + what + ": anyone on the network path can impersonate "
                        + "the endpoint and collect the credentials sent to it")
                .location(SelfDeclaration.location(part))
                .remediation("Remove the switch and trust the endpoint's CA instead (e.g. a trust store with its CA, "
                        + "sslmode=verify-full for PostgreSQL).")
                .fingerprintHint("self:" + part + "?tls")
                .build();
    }

    @Override
    void check(McpServer server, Optional<ServerShape> shape, PolicyContext context, List<Finding> findings) {
        server.url().ifPresent(u -> plainHttp(server, u, "its endpoint", Severity.HIGH, findings));
        // the remote server a launcher connects to is the entry's endpoint, as a remote entry's URL is
        Optional<RemoteLaunch> launch = LauncherCatalog.builtIn().read(server);
        launch.ifPresent(l -> plainHttp(server, l.url(), "its endpoint (through " + l.launcher().name() + ")",
                Severity.HIGH, findings));
        // TLS verification switched off only matters when the traffic leaves the machine: a server whose every
        // URL is a loopback one (a local gateway with a self-signed certificate) exposes nothing on the network
        boolean loopbackOnly = loopbackOnly(server);
        for (Map.Entry<String, JsonValue.StringValue> e : server.env().entrySet()) {
            plainHttp(server, e.getValue(), e.getKey(), Severity.MEDIUM, findings);
            if (!loopbackOnly) {
                tlsVariable(server, e.getKey(), e.getValue(), findings);
            }
        }
        for (JsonValue.StringValue arg : server.args()) {
            if (launch.isEmpty() || !launch.get().consumes(arg)) {
                plainHttp(server, arg, "an argument", Severity.MEDIUM, findings);
            }
            if (!loopbackOnly) {
                tlsArgument(server, arg, findings);
            }
        }
        if (!loopbackOnly) {
            tlsMembers(server, server.definition(), findings);
        }
    }

    /** Whether the entry names at least one URL and every URL it names (endpoint, env, arguments) is a loopback one. */
    static boolean loopbackOnly(McpServer server) {
        List<String> hosts = new java.util.ArrayList<>();
        server.url().ifPresent(u -> urlHosts(u.value(), hosts));
        server.env().values().forEach(v -> urlHosts(v.value(), hosts));
        server.args().forEach(a -> urlHosts(a.value(), hosts));
        return !hosts.isEmpty() && hosts.stream().allMatch(NetworkCheck::isLoopback);
    }

    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s'\"<>]+");

    private static void urlHosts(String text, List<String> hosts) {
        java.util.regex.Matcher m = URL.matcher(text);
        while (m.find()) {
            String url = m.group();
            String bare = url.regionMatches(true, 0, "jdbc:", 0, 5) ? url.substring(5) : url;
            hosts.add(host(bare).orElse(""));
        }
    }

    private static void plainHttp(McpServer server, JsonValue.StringValue value, String what, Severity severity,
            List<Finding> findings) {
        Optional<String> host = remotePlainHttpHost(value.value());
        if (host.isEmpty()) {
            return;
        }
        findings.add(Finding.builder(PLAIN_HTTP, severity)
                .title("Plain HTTP to a remote host")
                .message("Server '" + server.label() + "' sends " + what + " traffic to " + host.get()
                        + " over plain http://: tokens, prompts and results cross the network readable and changeable")
                .location(value.location())
                .remediation(plainHttpRemedy(host.get()))
                .fingerprintHint(what)
                .build());
    }

    private static void tlsVariable(McpServer server, String name, JsonValue.StringValue value, List<Finding> findings) {
        String v = value.value().strip().toLowerCase(Locale.ROOT);
        boolean off = (VERIFY_NAME.matcher(name).find() && FALSE.contains(v))
                || (INSECURE_NAME.matcher(name).find() && TRUE.contains(v))
                || (name.equals("GIT_SSL_NO_VERIFY") && !v.isEmpty() && !FALSE.contains(v));
        if (off) {
            findings.add(tls(server, value, "sets " + name + "=" + value.value().strip(), name));
        }
        if (TLS_OFF_QUERY.matcher(value.value()).find() && remoteHost(value.value()).isPresent()) {
            findings.add(tls(server, value, "connects to a remote database with encryption disabled (" + name + ")",
                    name + "?tls"));
        }
    }

    private static void tlsArgument(McpServer server, JsonValue.StringValue arg, List<Finding> findings) {
        for (String word : ShellScript.parse(arg.value()).words().stream().map(ShellScript.Word::text).toList()) {
            String w = word.toLowerCase(Locale.ROOT);
            int eq = w.indexOf('=');
            boolean off = INSECURE_FLAGS.contains(w)
                    || (eq > 2 && w.startsWith("--") && VERIFY_NAME.matcher(w.substring(2, eq)).find()
                            && FALSE.contains(w.substring(eq + 1)))
                    || w.startsWith("node_tls_reject_unauthorized=0");
            if (off) {
                findings.add(tls(server, arg, "passes " + word, word));
            }
        }
        if (TLS_OFF_QUERY.matcher(arg.value()).find() && remoteHost(arg.value()).isPresent()) {
            findings.add(tls(server, arg, "connects to a remote database with encryption disabled", "arg?tls"));
        }
    }

    private static void tlsMembers(McpServer server, JsonValue value, List<Finding> findings) {
        if (value instanceof JsonValue.ObjectValue o) {
            for (JsonValue.Member m : o.members()) {
                if (m.value() instanceof JsonValue.BooleanValue b
                        && ((VERIFY_NAME.matcher(m.name()).find() && !b.value())
                                || (INSECURE_NAME.matcher(m.name()).find() && b.value()))) {
                    findings.add(tls(server, b, "sets \"" + m.name() + "\": " + b.value(), m.name()));
                } else if (!m.name().equals("env") && !m.name().equals("args")) {
                    tlsMembers(server, m.value(), findings);
                }
            }
        } else if (value instanceof JsonValue.ArrayValue a) {
            a.elements().forEach(e -> tlsMembers(server, e, findings));
        }
    }

    private static Finding tls(McpServer server, JsonValue at, String what, String hint) {
        return Finding.builder(NO_TLS_VERIFY, Severity.HIGH)
                .title("TLS verification switched off")
                .message("Server '" + server.label() + "' " + what + ": anyone on the network path can impersonate the "
                        + "endpoint and collect the credentials sent to it")
                .location(at.location())
                .remediation("Remove the switch and trust the endpoint's CA instead: NODE_EXTRA_CA_CERTS=/path/ca.pem "
                        + "(Node), SSL_CERT_FILE / REQUESTS_CA_BUNDLE (Python), sslmode=verify-full (PostgreSQL).")
                .fingerprintHint(hint)
                .build();
    }

    /** The host of a plain {@code http://} URL unless it is a loopback host, where nothing crosses the network. */
    private static Optional<String> remotePlainHttpHost(String url) {
        String v = url.strip();
        if (!v.regionMatches(true, 0, "http://", 0, 7)) {
            return Optional.empty();
        }
        return remoteHost(v);
    }

    /** The URL's host unless it is a loopback host. */
    private static Optional<String> remoteHost(String url) {
        return host(url).filter(h -> !isLoopback(h));
    }

    private static String plainHttpRemedy(String host) {
        return "Use https://" + host + "/… (or an SSH tunnel / VPN to a loopback port); never send credentials over "
                + "http:// off 127.0.0.1.";
    }

    static Optional<String> host(String url) {
        try {
            URI uri = new URI(url.strip());
            return Optional.ofNullable(uri.getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.equals("host.docker.internal");
    }
}
