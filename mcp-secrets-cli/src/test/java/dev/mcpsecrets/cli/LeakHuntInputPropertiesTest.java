package dev.mcpsecrets.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Disabled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The leak hunt over everything but config files: secret values the providers deliver ({@code env:},
 * {@code file:}, {@code dotenv:} in well-formed and broken {@code .env} files), text given where a
 * reference is expected (which may be a pasted secret), option values, and values piped on stdin. No
 * form of the planted marker may appear in any output, log line or report, except {@code get --reveal}
 * and the child of {@code run} (the sandbox's stub, whose output is not captured: it prints nothing).
 *
 * <p>Budget: 1,000 tries here, half of the suite's 2,000 (see {@link LeakHuntPropertiesTest} for the time
 * budget); scale with {@code -Dleakhunt.scale}.
 */
@AddLifecycleHook(LeakHuntTries.class)
class LeakHuntInputPropertiesTest {
    /** Where a resolved secret comes from. */
    enum Source { ENV_VARIABLE, SECRET_FILE, DOTENV_SEARCHED, DOTENV_NAMED_FILE }

    /** How the value is written in a {@code .env} file. */
    enum DotenvForm { BARE, DOUBLE_QUOTED, SINGLE_QUOTED, UNTERMINATED_DOUBLE, UNTERMINATED_SINGLE, EXPORTED, BAD_ESCAPE,
        INVALID_UTF8_AFTER }

    /** Commands that resolve a reference to the planted value, or read the file holding it. */
    enum SecretCommand { GET, GET_FALLBACK, RUN_ENV, RUN_CHECK_ENV, RUN_ENV_FILE, DOCTOR, DOTENV_REMOVE, DOTENV_SET_OTHER }

    /** Places where a reference is expected and a pasted secret may be given instead. */
    enum ReferencePosition {
        GET_ARG, GET_AFTER_ALTERNATIVE, GET_BEFORE_ALTERNATIVE, RUN_ENV_VALUE, RUN_ENV_EQUALS_FORM, RUN_ENV_NO_NAME,
        RUN_CHECK_ENV_VALUE, RUN_ENV_FILE_LINE, RUN_ENV_FILE_BARE_LINE, RUN_ENV_FILE_EXPORT, RUN_ENV_FILE_REAL_DOTENV,
        KEYCHAIN_SET_ITEM, KEYCHAIN_SET_EXTRA_ARG, KEYCHAIN_DELETE_ITEM, USAGES_REF
    }

    /** Option values (argument text that may be a pasted secret by mistake). */
    enum OptionPosition {
        GET_PROFILE, GET_TIMEOUT, RUN_PROFILE, RUN_TIMEOUT, RUN_CHECK_FAIL_ON, AUDIT_FORMAT, AUDIT_FAIL_ON, AUDIT_PROFILE,
        AUDIT_ALLOW_HOST, AUDIT_GITHUB_API_URL, AUDIT_LIVE_TIMEOUT, AUDIT_GITHUB_SCOPE, PROVIDERS_PROFILE,
        DOCTOR_PROFILE, DOTENV_PROFILE, UNKNOWN_SUBCOMMAND, UNKNOWN_OPTION, GET_EXTRA_ARG
    }

    /** Positions where the text is judged by run's NAME=REF parser or usages' filter, not the reference parser. */
    static final java.util.Set<ReferencePosition> LINE_PARSER_POSITIONS = java.util.EnumSet.of(
            ReferencePosition.RUN_ENV_NO_NAME, ReferencePosition.RUN_ENV_FILE_BARE_LINE, ReferencePosition.USAGES_REF);

    /** Files in the user's home and settings that commands read besides MCP configs. */
    enum HomeFile { BASHRC_EXPORT, ZSHRC_QUOTED, CLAUDE_SECRETS_DOTENV, USER_DOTENV, SUPPRESSIONS_FILE, BASELINE_FILE,
        TRUST_STORE }

    /** Commands that read a value from stdin. */
    enum StdinCommand { DOTENV_SET_FILE, DOTENV_SET_DEFAULT, DOTENV_SET_PROFILE, USAGES_VALUE_STDIN_PRESENT,
        USAGES_VALUE_STDIN_ABSENT, KEYCHAIN_SET }

    @Provide
    Arbitrary<Planted> planted() {
        return LeakGenerators.planted();
    }

    @Provide
    Arbitrary<Planted> oneLine() {
        return LeakGenerators.plantedOneLine();
    }

    /** Secret values that contain no NUL: everything but NUL must be delivered to the child or refused quietly. */
    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void resolvedSecretsWithoutNulNeverReachOutput(@ForAll("planted") Planted planted, @ForAll Source source,
            @ForAll DotenvForm form, @ForAll SecretCommand command) {
        Planted value = new Planted(planted.marker(), planted.withoutNul());
        hunt(value, source + " " + form, box -> secretCommand(box, value, source, form, command));
    }

    /** Secret values with NUL: run must refuse them (125) naming the variable, never the value. */
    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void resolvedSecretsWithNulNeverReachOutput(@ForAll("planted") Planted planted, @ForAll SecretCommand command) {
        Planted value = new Planted(planted.marker(), planted.text().replace(planted.marker(), "\0" + planted.marker()));
        hunt(value, "file: with NUL", box -> secretCommand(box, value, Source.SECRET_FILE, DotenvForm.BARE, command));
    }

    /** Text where a reference belongs, in the places that already say only where it was (name, line). */
    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void textWhereAReferenceBelongsIsNeverEchoedByTheLineParsers(@ForAll("oneLine") Planted planted,
            @ForAll("lineParserPositions") ReferencePosition position) {
        Planted text = new Planted(planted.marker(), planted.withoutNul());
        hunt(text, position.name(), box -> referenceCommand(box, text.text(), position));
    }

    /** Text where a reference belongs is never echoed (get, run --env, --env-file, ||, keychain). */
    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void textWhereAReferenceBelongsIsNeverEchoed(@ForAll("oneLine") Planted planted,
            @ForAll("referenceParserPositions") ReferencePosition position) {
        Planted text = new Planted(planted.marker(), planted.withoutNul());
        hunt(text, position.name(), box -> referenceCommand(box, text.text(), position));
    }

    @Provide
    Arbitrary<ReferencePosition> lineParserPositions() {
        return Arbitraries.of(LINE_PARSER_POSITIONS);
    }

    @Provide
    Arbitrary<ReferencePosition> referenceParserPositions() {
        return Arbitraries.of(ReferencePosition.values()).filter(p -> !LINE_PARSER_POSITIONS.contains(p));
    }

    /** Argument text given to options and as stray arguments is never echoed. */
    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void optionValuesAreNeverEchoed(@ForAll("oneLine") Planted planted, @ForAll OptionPosition position) {
        // a colon makes the text no valid name (a profile named like a token is shown as a profile, by design)
        Planted text = new Planted(planted.marker(), "tok:" + planted.withoutNul());
        hunt(text, position.name(), box -> List.of(optionCommand(box, text.text(), position)));
    }

    /** Shell startup files, private .env files, suppressions, baselines and the trust store, also broken. */
    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void homeFilesNeverReachOutput(@ForAll("planted") Planted planted, @ForAll HomeFile file, @ForAll boolean json) {
        hunt(planted, file.name(), box -> homeFileCommand(box, planted, file, json));
    }

    /** Values piped on stdin (dotenv set, usages --value-stdin, keychain set), also broken UTF-8. */
    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void stdinValuesNeverReachOutput(@ForAll("planted") Planted planted, @ForAll StdinCommand command,
            @ForAll boolean invalidUtf8) {
        hunt(planted, command + (invalidUtf8 ? " invalid UTF-8" : ""), box -> stdinCommand(box, planted, command,
                invalidUtf8));
    }

    private interface Scenario {
        List<LeakSandbox.Outcome> run(LeakSandbox box);
    }

    private static void hunt(Planted planted, String where, Scenario scenario) {
        try (LeakSandbox box = LeakSandbox.create()) {
            for (LeakSandbox.Outcome o : scenario.run(box)) {
                LeakAssertions.assertNoLeak(planted, o, where);
            }
        }
    }

    static List<LeakSandbox.Outcome> secretCommand(LeakSandbox box, Planted planted, Source source, DotenvForm form,
            SecretCommand command) {
        String stub = box.stub.toString();
        Path dotenv = null;
        String ref;
        switch (source) {
            case ENV_VARIABLE -> {
                box.variable("PLANTED_SOURCE", planted.text());
                ref = "env:PLANTED_SOURCE";
            }
            case SECRET_FILE -> ref = "file:" + box.privateFile("secrets/token", planted.text().getBytes(StandardCharsets.UTF_8));
            case DOTENV_SEARCHED -> {
                dotenv = box.privateFile("dotenv/.env", dotenvLine(planted, form));
                box.privateFile("xdg-config/mcp-secrets/.env", dotenvLine(planted, form));
                ref = "dotenv:PLANTED_KEY";
            }
            case DOTENV_NAMED_FILE -> {
                dotenv = box.privateFile("named/app.env", dotenvLine(planted, form));
                ref = "dotenv:" + dotenv + "#PLANTED_KEY";
            }
            default -> throw new IllegalArgumentException(source.name());
        }
        List<LeakSandbox.Outcome> outcomes = new ArrayList<>();
        switch (command) {
            case GET -> outcomes.add(box.run("get", ref));
            case GET_FALLBACK -> outcomes.add(box.run("get", "env:NOT_SET_ANYWHERE || " + ref));
            case RUN_ENV -> outcomes.add(box.run("run", "--env", "TOKEN=" + ref, "--", stub));
            case RUN_CHECK_ENV -> outcomes.add(box.run("run", "--check", "--fail-on", "info", "--env", "TOKEN=" + ref, "--",
                    stub));
            case RUN_ENV_FILE -> {
                Path refs = box.write("refs.env", "# references\nTOKEN=" + ref + "\n");
                outcomes.add(box.run("run", "--env-file", refs.toString(), "--", stub));
            }
            case DOCTOR -> outcomes.add(box.run("doctor"));
            case DOTENV_REMOVE -> outcomes.add(dotenv == null ? box.run("get", ref)
                    : box.run("dotenv", "remove", "PLANTED_KEY", "--file", dotenv.toString()));
            case DOTENV_SET_OTHER -> outcomes.add(dotenv == null ? box.run("get", ref)
                    : box.run("other\n".getBytes(StandardCharsets.UTF_8), List.of(), "dotenv", "set", "OTHER_KEY", "--file",
                            dotenv.toString()));
            default -> throw new IllegalArgumentException(command.name());
        }
        return outcomes;
    }

    /** A .env file with the planted value under PLANTED_KEY between two ordinary lines. */
    private static byte[] dotenvLine(Planted planted, DotenvForm form) {
        String v = planted.text();
        String line = switch (form) {
            case BARE -> "PLANTED_KEY=" + v;
            case DOUBLE_QUOTED -> "PLANTED_KEY=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("$", "\\$") + "\"";
            case SINGLE_QUOTED -> "PLANTED_KEY='" + v.replace("'", "") + "'";
            case UNTERMINATED_DOUBLE -> "PLANTED_KEY=\"" + v;
            case UNTERMINATED_SINGLE -> "PLANTED_KEY='" + v;
            case EXPORTED -> "export PLANTED_KEY=" + v;
            case BAD_ESCAPE -> "PLANTED_KEY=\"\\x" + v + "\\\"";
            case INVALID_UTF8_AFTER -> "PLANTED_KEY=" + v;
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("FIRST=one\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        if (form == DotenvForm.INVALID_UTF8_AFTER) {
            bytes.writeBytes(new byte[] {(byte) 0xff, (byte) 0xc3});
        }
        bytes.writeBytes("\nLAST=two\n".getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    static List<LeakSandbox.Outcome> referenceCommand(LeakSandbox box, String text, ReferencePosition position) {
        String stub = box.stub.toString();
        byte[] stdin = "value\n".getBytes(StandardCharsets.UTF_8);
        return List.of(switch (position) {
            case GET_ARG -> box.run("get", text);
            case GET_AFTER_ALTERNATIVE -> box.run("get", "env:NOT_SET_ANYWHERE || " + text);
            case GET_BEFORE_ALTERNATIVE -> box.run("get", text + " || env:HOME");
            case RUN_ENV_VALUE -> box.run("run", "--env", "TOKEN=" + text, "--", stub);
            case RUN_ENV_EQUALS_FORM -> box.run("run", "--env=TOKEN=" + text, "--", stub);
            case RUN_ENV_NO_NAME -> box.run("run", "--env", text, "--", stub);
            case RUN_CHECK_ENV_VALUE -> box.run("run", "--check", "--fail-on", "info", "--env", "TOKEN=" + text, "--", stub);
            case RUN_ENV_FILE_LINE -> box.run("run", "--env-file", box.write("refs.env", "A=env:HOME\nTOKEN=" + text + "\n")
                    .toString(), "--", stub);
            case RUN_ENV_FILE_BARE_LINE -> box.run("run", "--env-file", box.write("refs.env", text + "\n").toString(), "--",
                    stub);
            case RUN_ENV_FILE_EXPORT -> box.run("run", "--env-file", box.write("refs.env", "export TOKEN=" + text + "\n")
                    .toString(), "--", stub);
            case RUN_ENV_FILE_REAL_DOTENV -> box.run("run", "--env-file", box.write("real.env",
                    "DATABASE_URL=postgresql://app:" + text + "@db.internal/app\n").toString(), "--", stub);
            case KEYCHAIN_SET_ITEM -> box.run(stdin, List.of(), "keychain", "set", text);
            case KEYCHAIN_SET_EXTRA_ARG -> box.run(stdin, List.of(), "keychain", "set", "rt/x", text);
            case KEYCHAIN_DELETE_ITEM -> box.run("keychain", "delete", text);
            case USAGES_REF -> box.run("usages", "--ref", text, box.write("work/.mcp.json",
                    "{\"mcpServers\": {\"a\": {\"command\": \"npx\", \"env\": {\"T\": \"env:T\"}}}}").toString());
        });
    }

    static LeakSandbox.Outcome optionCommand(LeakSandbox box, String text, OptionPosition position) {
        String stub = box.stub.toString();
        String config = box.write("work/.mcp.json", "{\"mcpServers\": {\"a\": {\"command\": \"npx\"}}}").toString();
        String skipHistory = "--skip=" + "MCP-GIT-002";
        return switch (position) {
            case GET_PROFILE -> box.run("get", "--profile", text, "env:HOME");
            case GET_TIMEOUT -> box.run("get", "--timeout", text, "env:HOME");
            case RUN_PROFILE -> box.run("run", "--profile", text, "--env", "A=env:HOME", "--", stub);
            case RUN_TIMEOUT -> box.run("run", "--timeout", text, "--env", "A=env:HOME", "--", stub);
            case RUN_CHECK_FAIL_ON -> box.run("run", "--check", "--fail-on", text, "--", stub);
            case AUDIT_FORMAT -> box.run("audit", skipHistory, "--format", text, config);
            case AUDIT_FAIL_ON -> box.run("audit", skipHistory, "--fail-on", text, config);
            case AUDIT_PROFILE -> box.run("audit", skipHistory, "--profile", text, config);
            case AUDIT_ALLOW_HOST -> box.run("audit", skipHistory, "--live", "--allow-host", text, config);
            case AUDIT_GITHUB_API_URL -> box.run("audit", skipHistory, "--live", "--github-api-url", text, config);
            case AUDIT_LIVE_TIMEOUT -> box.run("audit", skipHistory, "--live", "--live-timeout", text, config);
            case AUDIT_GITHUB_SCOPE -> box.run("audit", skipHistory, "--live", "--github-scope", text, config);
            case PROVIDERS_PROFILE -> box.run("providers", "--profile", text);
            case DOCTOR_PROFILE -> box.run("doctor", "--profile", text);
            case DOTENV_PROFILE -> box.run("v\n".getBytes(StandardCharsets.UTF_8), List.of(), "dotenv", "set", "KEY",
                    "--profile", text);
            case UNKNOWN_SUBCOMMAND -> box.run(text);
            case UNKNOWN_OPTION -> box.run("get", "--" + text, "env:HOME");
            case GET_EXTRA_ARG -> box.run("get", "env:HOME", text);
        };
    }

    static List<LeakSandbox.Outcome> stdinCommand(LeakSandbox box, Planted planted, StdinCommand command,
            boolean invalidUtf8) {
        ByteArrayOutputStream piped = new ByteArrayOutputStream();
        piped.writeBytes(planted.text().getBytes(StandardCharsets.UTF_8));
        if (invalidUtf8) {
            piped.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff});
        }
        piped.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        byte[] stdin = piped.toByteArray();
        List<LeakSandbox.Outcome> outcomes = new ArrayList<>();
        switch (command) {
            case DOTENV_SET_FILE -> {
                Path file = box.root.resolve("store").resolve("app.env");
                box.privateFile("store/app.env", "EXISTING=1\n".getBytes(StandardCharsets.UTF_8));
                outcomes.add(box.run(stdin, List.of(), "dotenv", "set", "PLANTED_KEY", "--file", file.toString()));
                // what was stored is read back without --reveal, and removed
                outcomes.add(box.run("get", "dotenv:" + file + "#PLANTED_KEY"));
                outcomes.add(box.run("dotenv", "remove", "PLANTED_KEY", "--file", file.toString()));
            }
            case DOTENV_SET_DEFAULT -> {
                outcomes.add(box.run(stdin, List.of(), "dotenv", "set", "PLANTED_KEY"));
                outcomes.add(box.run("doctor"));
            }
            case DOTENV_SET_PROFILE -> outcomes.add(box.run(stdin, List.of(), "dotenv", "set", "PLANTED_KEY", "--profile",
                    "production"));
            case USAGES_VALUE_STDIN_PRESENT, USAGES_VALUE_STDIN_ABSENT -> {
                String value = command == StdinCommand.USAGES_VALUE_STDIN_PRESENT ? planted.text() : "something-else-entirely";
                Path config = box.write("work/.mcp.json", "{\"mcpServers\": {\"a\": {\"command\": \"npx\", \"env\": "
                        + "{\"T\": \"" + LeakConfigs.escape(value) + "\"}, \"url\": \"https://u:" + LeakConfigs.escape(value)
                        + "@h.example/x?api_key=" + LeakConfigs.escape(value) + "\"}}}");
                outcomes.add(box.run(stdin, List.of(), "usages", "--value-stdin", config.toString()));
            }
            case KEYCHAIN_SET -> outcomes.add(box.run(stdin, List.of(), "keychain", "set", "leakhunt/token"));
            default -> throw new IllegalArgumentException(command.name());
        }
        return outcomes;
    }

    static List<LeakSandbox.Outcome> homeFileCommand(LeakSandbox box, Planted planted, HomeFile file, boolean json) {
        String v = planted.text();
        String config = box.write("work/.mcp.json", "{\"mcpServers\": {\"a\": {\"command\": \"" + box.stub
                + "\", \"env\": {\"T\": \"env:HOME\"}}}}").toString();
        List<String> audit = new ArrayList<>(List.of("audit", "--skip=" + "MCP-GIT-002"));
        if (json) {
            audit.addAll(List.of("--format", "json"));
        }
        List<LeakSandbox.Outcome> outcomes = new ArrayList<>();
        switch (file) {
            case BASHRC_EXPORT, ZSHRC_QUOTED -> {
                box.write(file == HomeFile.BASHRC_EXPORT ? "home/.bashrc" : "home/.zshrc", file == HomeFile.BASHRC_EXPORT
                        ? "alias ll='ls -l'\nexport GITHUB_TOKEN=" + v + "\n"
                        : "export OPENAI_API_KEY=\"" + v + "\"\nexport PATH=\"$HOME/bin:$PATH\"\n");
                audit.add(config);
                outcomes.add(box.run(audit.toArray(String[]::new)));
            }
            case CLAUDE_SECRETS_DOTENV, USER_DOTENV -> {
                box.privateFile(file == HomeFile.USER_DOTENV ? "xdg-config/mcp-secrets/.env" : "home/.claude/secrets/.env",
                        ("A=1\nPLANTED_KEY=" + v + "\n").getBytes(StandardCharsets.UTF_8));
                audit.add(config);
                outcomes.add(box.run(audit.toArray(String[]::new)));
                outcomes.add(box.run("doctor"));
                outcomes.add(box.run("get", "dotenv:PLANTED_OTHER"));
            }
            case SUPPRESSIONS_FILE, BASELINE_FILE -> {
                Path f = box.write("policy.json", "{\"suppressions\": [{\"rule\": \"" + v + "\", \"reason\": " + v + "}]");
                audit.addAll(List.of(file == HomeFile.SUPPRESSIONS_FILE ? "--suppressions" : "--baseline", f.toString(),
                        config));
                outcomes.add(box.run(audit.toArray(String[]::new)));
            }
            case TRUST_STORE -> {
                box.privateFile("xdg-config/mcp-secrets/trusted.json", ("{\"version\": 1, \"files\": {\"" + v + "\": "
                        + v + "}}").getBytes(StandardCharsets.UTF_8));
                outcomes.add(box.run("trust", "--list"));
                outcomes.add(box.run("run", "--config", config, "--server", "a"));
                outcomes.add(box.run("doctor"));
            }
            default -> throw new IllegalArgumentException(file.name());
        }
        return outcomes;
    }
}
