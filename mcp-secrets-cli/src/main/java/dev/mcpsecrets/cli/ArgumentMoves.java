package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a secret on a stdio entry's command line moves to a variable that {@code mcp-secrets run} sets: only
 * where the program reads that variable instead, so the server is given the same credential without it being
 * in argv ({@code run} never puts a secret there).
 *
 * <ul>
 *   <li>{@code --flag=secret} or {@code --flag secret}, when the server catalog names the variable the server
 *       reads when the flag is absent ({@code secretArgEnv}, e.g. Stripe's {@code --api-key} and
 *       {@code STRIPE_SECRET_KEY}): the flag goes, the variable is set.</li>
 *   <li>{@code docker run -e NAME=secret}: becomes {@code -e NAME}, which Docker (and Podman) fill from their
 *       own environment; the container sees the same variable.</li>
 *   <li>A database URL with a password, when the catalog names the variable the server's client library takes
 *       a missing password from ({@code urlPasswordEnv}, e.g. {@code PGPASSWORD}): the password leaves the URL
 *       and goes into the variable, decoded as the library would decode it.</li>
 *   <li>{@code NAME=secret} words that start the script of {@code sh -c}: removed from the script; {@code run}
 *       sets {@code NAME} in the shell's environment, which the command it starts inherits, so the server
 *       gets exactly the environment and argv it had.</li>
 * </ul>
 * Anything else is left alone with the reason: the program reads it only from its command line.
 */
final class ArgumentMoves {
    private static final Set<String> CONTAINER_RUNNERS = Set.of("docker", "podman");
    private static final Pattern SCRIPT_NAME = Pattern.compile("The sh -c script ([A-Za-z_][A-Za-z0-9_]*) of server");
    private static final Pattern ARG_NAME = Pattern.compile("The command-line argument (-{1,2}[A-Za-z0-9][A-Za-z0-9._-]*) of");
    private static final Pattern URL_PASSWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/?#@]+):([^\\s/?#@]+)@");
    /** A script value that stays the same text in or out of a shell: no quoting, expansion or escapes in it. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("(?i)TOKEN|SECRET|PASSW|PWD|API_?KEY|AUTH|CREDENTIAL");
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_@%+=:,./~^-]+");

    /** One change to an argument: its new text, or {@code null} to remove it. */
    record Change(int index, String text) {
    }

    /** One value that moves to a variable. */
    record Found(String variable, String secret, JsonValue.StringValue carrier, Finding finding) {
    }

    final List<Change> changes = new ArrayList<>();
    final List<Found> found = new ArrayList<>();

    private final McpServer server;
    private final Optional<ServerShape> shape;
    private final Path file;

    ArgumentMoves(McpServer server, Optional<ServerShape> shape, Path file) {
        this.server = server;
        this.shape = shape;
        this.file = file;
    }

    /**
     * Plans the move of the secret a finding points at in {@code args}, one of {@code secretsInArgument}
     * findings of that argument (the NAME=value words of a script move one by one); returns why it cannot move,
     * or {@code null} when it can.
     */
    String plan(Finding f, int index, int secretsInArgument) {
        List<JsonValue.StringValue> args = server.args();
        JsonValue.StringValue arg = args.get(index);
        String text = arg.value();
        if (ScriptPrefix.isScriptArgument(server, index)) {
            long moved = found.stream().filter(m -> m.carrier() == arg).count();
            return script(f, index, arg, (int) (secretsInArgument - moved));
        }
        String where = "the argument at " + f.location().display();
        int eq = text.indexOf('=');
        Matcher named = ARG_NAME.matcher(f.message());
        String flag = text.startsWith("-") && eq > 0 ? text.substring(0, eq)
                : index > 0 && named.find() && named.group(1).equals(args.get(index - 1).value()) ? named.group(1) : null;
        if (flag != null) {
            String env = shape.map(s -> s.secretArgEnv().get(flag)).orElse(null);
            if (env == null) {
                return where + " is the value of " + flag + ", and the server catalog names no environment variable "
                        + programName() + " reads instead; it reads the secret only from its command line, where "
                        + "mcp-secrets run never puts one. Switch the server to an environment variable by hand";
            }
            if (server.env().containsKey(env)) {
                return where + " would move to " + env + ", which the entry's env already sets";
            }
            String secret = text.startsWith("-") && eq > 0 ? text.substring(eq + 1) : text;
            if (eq > 0 && text.startsWith("-")) {
                changes.add(new Change(index, null));
            } else {
                changes.add(new Change(index - 1, null));
                changes.add(new Change(index, null));
            }
            found.add(new Found(env, secret, arg, f));
            return null;
        }
        if (index > 0 && CONTAINER_RUNNERS.contains(programName())
                && List.of("-e", "--env").contains(args.get(index - 1).value()) && eq > 0
                && MigrationStore.VARIABLE_NAME.matcher(text.substring(0, eq)).matches()) {
            String name = text.substring(0, eq);
            if (server.env().containsKey(name)) {
                return where + " would move to " + name + ", which the entry's env already sets";
            }
            changes.add(new Change(index, name));
            found.add(new Found(name, text.substring(eq + 1), arg, f));
            return null;
        }
        Matcher url = URL_PASSWORD.matcher(text);
        if (url.find()) {
            String env = shape.flatMap(ServerShape::urlPasswordEnv).orElse(null);
            if (env == null) {
                return where + " is a URL with a password, and the server catalog names no variable "
                        + programName() + " takes a missing password from; it reads the URL only from its command "
                        + "line, where mcp-secrets run never puts a secret. Give the server the URL in an environment "
                        + "variable, if it reads one, by hand";
            }
            if (server.env().containsKey(env)) {
                return where + " has a password that would move to " + env + ", which the entry's env already sets";
            }
            String password;
            try {
                password = URLDecoder.decode(url.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return where + " is a URL whose password is not validly percent-encoded";
            }
            changes.add(new Change(index, url.group(1) + "@" + text.substring(url.end())));
            found.add(new Found(env, password, arg, f));
            return null;
        }
        return where + " is a secret " + programName() + " reads only from its command line (no catalogued flag "
                + "or variable for it), where mcp-secrets run never puts one. Switch the server to an environment "
                + "variable by hand";
    }

    /** {@code NAME=secret} at the start of a {@code sh -c} script. */
    private String script(Finding f, int index, JsonValue.StringValue arg, int secretsLeft) {
        String where = "the secret in the sh -c script at " + f.location().display();
        String script = changedScript(index, arg.value());
        if (script.matches("(?s).*([;&|\\n\\r`]|\\$\\().*")) {
            return where + " is in a script that runs more than one command or a substitution; set as a variable, "
                    + "the secret would reach them all, so it does not move";
        }
        Matcher named = SCRIPT_NAME.matcher(f.message());
        String name = named.find() ? named.group(1) : credentialAssignment(script, secretsLeft);
        if (name == null) {
            return where + " is not the value of a credential-named NAME=value word before the command (there are "
                    + "not as many such words as secrets); it cannot move without rewriting the script";
        }
        ScriptPrefix prefix = ScriptPrefix.find(script, name).orElse(null);
        if (prefix == null) {
            return where + " (" + name + ") is not a NAME=value word before the script's first command, so the "
                    + "shell would not export it to the server alone; it cannot move safely";
        }
        if (!PLAIN_VALUE.matcher(prefix.value()).matches()) {
            return where + " (" + name + ") holds quotes, $, spaces or escapes; the shell would change it, so it "
                    + "does not move";
        }
        if (server.env().containsKey(name) || found.stream().anyMatch(m -> m.variable().equals(name))) {
            return where + " (" + name + ") would move to a variable the entry already sets";
        }
        changes.removeIf(c -> c.index() == index);
        changes.add(new Change(index, script.substring(0, prefix.start()) + script.substring(prefix.end())));
        found.add(new Found(name, prefix.value(), arg, f));
        return null;
    }

    /**
     * A known-format secret in a script is reported without its name: it is taken to be the value of a
     * credential-named assignment before the command, the first one left, when there are exactly as many such
     * words left as secrets to move (one word and one secret, or one each of several; the read-back compares the
     * stored value, and the audit afterwards shows anything that stayed).
     */
    private static String credentialAssignment(String script, int secretsLeft) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=").matcher(script);
        while (m.find()) {
            String n = m.group(1);
            if (CREDENTIAL_NAME.matcher(n).find() && ScriptPrefix.find(script, n).isPresent()) {
                names.add(n);
            }
        }
        return !names.isEmpty() && names.size() == secretsLeft ? names.get(0) : null;
    }

    private String changedScript(int index, String original) {
        return changes.stream().filter(c -> c.index() == index).map(Change::text).reduce((a, b) -> b).orElse(original);
    }

    private String programName() {
        String c = server.command().map(JsonValue.StringValue::value).orElse("");
        String p = c.substring(Math.max(c.lastIndexOf('/'), c.lastIndexOf('\\')) + 1);
        return p.matches("[A-Za-z0-9._-]{1,40}") ? p : "the program";
    }

    /** The args after the changes. */
    List<String> changedArgs() {
        List<String> out = new ArrayList<>();
        List<JsonValue.StringValue> args = server.args();
        for (int i = 0; i < args.size(); i++) {
            final int at = i;
            Optional<Change> c = changes.stream().filter(x -> x.index() == at).reduce((a, b) -> b);
            if (c.isEmpty()) {
                out.add(args.get(i).value());
            } else if (c.get().text() != null) {
                out.add(c.get().text());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ArgumentMoves[" + file.getFileName() + ", " + found.size() + " values]";
    }
}
