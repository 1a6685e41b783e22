package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.cli.LeakConfigs.Dialect;
import dev.mcpsecrets.cli.LeakConfigs.Malformation;
import dev.mcpsecrets.cli.LeakConfigs.Slot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Disabled;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.slf4j.LoggerFactory;

/**
 * The leak hunt over MCP client configs: a planted value ({@link Planted}: any Unicode, NUL, quotes,
 * backslashes, line breaks, terminal controls, around a random marker) at every value position of a
 * server entry ({@link Slot}: env values, arguments in every flag form, URLs with {@code user:pw@} and
 * {@code ?api_key=}, headers, VS Code inputs, the command itself), in every client's dialect and place
 * ({@link Dialect}), well formed or broken ({@link Malformation}), read by every command that reads
 * configs. No form of the marker may appear on stdout, stderr, the process streams, the SLF4J log or a
 * report file. Names are shown by design; for them the output must hold no raw terminal control.
 *
 * <p>Every command runs in-process in a {@link LeakSandbox}: HOME, XDG directories and the D-Bus address
 * point into a temporary directory, PATH is empty, and {@code run} only ever starts the sandbox's stub.
 *
 * <p>Budget: 2,000 tries in all (1,000 here, 1,000 in {@link LeakHuntInputPropertiesTest}) in at most 60 s of one
 * core's CPU time, so the suite stays within 60 s on a two-core CI runner (one core left to the JIT and GC):
 * each try builds a fresh sandbox and runs one or two commands, 20 to 40 ms of CPU. Scale the tries with
 * {@code -Dleakhunt.scale=0.1} (quick local run) or {@code -Dleakhunt.scale=5} (a long hunt); see
 * {@link LeakHuntTries}. Measured on a two-core machine: the 1,050 tries enabled while leak fixes are pending
 * took 26 s.
 */
@AddLifecycleHook(LeakHuntTries.class)
class LeakHuntPropertiesTest {
    /** Commands that read a config file. */
    enum ConfigCommand {
        AUDIT_TEXT, AUDIT_JSON, AUDIT_SARIF, AUDIT_OUTPUT_SARIF, AUDIT_OUTPUT_TEXT, AUDIT_DISCOVERED, AUDIT_DIRECTORY,
        USAGES, USAGES_REF, USAGES_VALUE_STDIN, TRUST, DOCTOR, RUN_CONFIG, RUN_CHECK_CONFIG
    }

    /** Where a generated name goes. */
    enum NamePosition {
        AUDIT_SERVER_NAME, AUDIT_JSON_SERVER_NAME, AUDIT_ENV_NAME, USAGES_SERVER_NAME, RUN_CONFIG_SERVER_ARG,
        RUN_CONFIG_DECLARED_NAME, RUN_CHECK_SERVER_NAME, DOTENV_SET_KEY, RUN_ENV_NAME, GET_ENV_NAME, AUDIT_MISSING_PATH,
        AUDIT_FILE_NAMED, TRUST_PATH, KEYCHAIN_ITEM
    }

    @Provide
    Arbitrary<Planted> planted() {
        return LeakGenerators.planted();
    }

    @Provide
    Arbitrary<Slot> valueSlots() {
        return Arbitraries.of(Slot.ENV, Slot.URL_USERINFO, Slot.URL_QUERY, Slot.HEADER, Slot.INPUT_DEFAULT);
    }

    @Provide
    Arbitrary<Slot> commandLineSlots() {
        return Arbitraries.of(Slot.values()).filter(s -> s.commandLine);
    }

    @Provide
    Arbitrary<Malformation> malformations() {
        return Arbitraries.of(Malformation.values()).filter(m -> m != Malformation.WELL_FORMED);
    }

    @Provide
    Arbitrary<ConfigCommand> readers() {
        return Arbitraries.of(ConfigCommand.values()).filter(c -> c != ConfigCommand.RUN_CONFIG
                && c != ConfigCommand.RUN_CHECK_CONFIG);
    }

    @Provide
    Arbitrary<String> hostileName() {
        return LeakGenerators.hostileName();
    }

    /** The detector itself: {@code get --reveal} must show the value, and the check must call that a leak. */
    @Example
    void detectorFindsTheValueWhereItIsShownOnPurpose() {
        Planted planted = new Planted("PLANTEDABCDEFGH2345", "x\u001b[2J\"PLANTEDABCDEFGH2345\\\u0000");
        try (LeakSandbox box = LeakSandbox.create()) {
            box.variable("SRC", planted.withoutNul());
            LeakSandbox.Outcome reveal = box.run("get", "--reveal", "env:SRC");
            assertThat(reveal.exitCode()).isZero();
            assertThatThrownBy(() -> LeakAssertions.assertNoLeak(planted, reveal, "env SRC"))
                    .hasMessageContaining("LEAK").hasMessageContaining("stdout");
            LeakSandbox.Outcome quiet = box.run("get", "env:SRC");
            assertThat(quiet.exitCode()).isZero();
            LeakAssertions.assertNoLeak(planted, quiet, "env SRC");
            assertThatThrownBy(() -> LeakAssertions.assertNoRawControl(reveal, "the value")).hasMessageContaining("RAW");
        }
    }

    /** The sandbox never lets a command see the developer's own stores. */
    @Example
    void sandboxHidesTheRealHomeKeyringAndPath() {
        try (LeakSandbox box = LeakSandbox.create()) {
            assertThat(box.environment().get("HOME")).isNotEqualTo(System.getProperty("user.home"))
                    .startsWith(box.root.toString());
            assertThat(box.environment().get("XDG_CONFIG_HOME")).startsWith(box.root.toString());
            assertThat(box.environment().get("DBUS_SESSION_BUS_ADDRESS")).startsWith("unix:path=" + box.root);
            assertThat(box.environment().get("PATH")).isEmpty();
            LeakSandbox.Outcome run = box.run("run", "--env", "A=env:HOME", "--", box.stub.toString());
            assertThat(run.exitCode()).as(run.all()).isEqualTo(LeakSandbox.STUB_EXIT);
            if (LoggerFactory.getLogger(RunCommand.class).isInfoEnabled()) {
                // the SLF4J lines are captured, so the hunt greps them too
                assertThat(run.channels().get("System.err and SLF4J log")).contains("resolved 1 secret(s)");
            }
            LeakSandbox.Outcome keychain = box.run("get", "keychain:leakhunt/x");
            assertThat(keychain.exitCode()).as(keychain.all()).isEqualTo(1);
            assertThat(keychain.channels().get("stderr")).contains("does not exist");
        }
    }

    /** Env values, URLs and headers, well formed, read by audit (every format), usages, trust and doctor. */
    @Property(tries = 250, shrinking = ShrinkingMode.BOUNDED)
    void configValuesNeverReachOutput(@ForAll("planted") Planted planted, @ForAll Dialect dialect,
            @ForAll("valueSlots") Slot slot, @ForAll("readers") ConfigCommand command) {
        hunt(planted, dialect, slot, Malformation.WELL_FORMED, command);
    }

    /** Command lines (flags, database URLs, sh -c, the command itself), well formed, in reports and fixes. */
    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void commandLineValuesNeverReachOutput(@ForAll("planted") Planted planted, @ForAll Dialect dialect,
            @ForAll("commandLineSlots") Slot slot, @ForAll("readers") ConfigCommand command) {
        hunt(planted, dialect, slot, Malformation.WELL_FORMED, command);
    }

    /** Broken configs (unterminated, unquoted, bad escapes, truncated, NUL, huge lines) read by the policy reader. */
    @Property(tries = 250, shrinking = ShrinkingMode.BOUNDED)
    void malformedConfigTextNeverReachesOutput(@ForAll("planted") Planted planted, @ForAll Dialect dialect,
            @ForAll("valueSlots") Slot slot, @ForAll("malformations") Malformation malformation,
            @ForAll("readers") ConfigCommand command) {
        hunt(planted, dialect, slot, malformation, command);
    }

    /** {@code run --config} (and with --check) on trusted configs, well formed or broken. */
    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void runConfigNeverShowsConfigText(@ForAll("planted") Planted planted, @ForAll Dialect dialect,
            @ForAll Slot slot, @ForAll Malformation malformation, @ForAll boolean check) {
        hunt(planted, dialect, slot, malformation, check ? ConfigCommand.RUN_CHECK_CONFIG : ConfigCommand.RUN_CONFIG);
    }

    /** Names are shown, but a terminal control in one never reaches the terminal raw. */
    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void namesAreShownWithControlsEscaped(@ForAll("hostileName") String name, @ForAll NamePosition position) {
        try (LeakSandbox box = LeakSandbox.create()) {
            for (LeakSandbox.Outcome o : names(box, name, position)) {
                LeakAssertions.assertNoRawControl(o, "the name in " + position);
            }
        }
    }

    private static void hunt(Planted planted, Dialect dialect, Slot slot, Malformation malformation,
            ConfigCommand command) {
        try (LeakSandbox box = LeakSandbox.create()) {
            String where = dialect + " " + slot + " " + malformation;
            for (LeakSandbox.Outcome o : configCommand(box, planted, dialect, slot, malformation, command)) {
                LeakAssertions.assertNoLeak(planted, o, where);
            }
        }
    }

    static List<LeakSandbox.Outcome> configCommand(LeakSandbox box, Planted planted, Dialect dialect, Slot slot,
            Malformation malformation, ConfigCommand command) {
        boolean run = command == ConfigCommand.RUN_CONFIG || command == ConfigCommand.RUN_CHECK_CONFIG;
        // generated text never becomes a command: run only gets entries whose command is the stub
        ConfigCommand effective = run && !slot.startable() ? ConfigCommand.AUDIT_TEXT : command;
        boolean willRun = effective == ConfigCommand.RUN_CONFIG || effective == ConfigCommand.RUN_CHECK_CONFIG;
        String text = LeakConfigs.text(dialect, slot, malformation, planted, "srv",
                willRun ? box.stub.toString() : "npx");
        Path config = box.write(dialect.path, text);
        String file = config.toString();
        List<LeakSandbox.Outcome> outcomes = new ArrayList<>();
        String skipHistory = "--skip=" + "MCP-GIT-002";
        switch (effective) {
            case AUDIT_TEXT -> outcomes.add(box.run("audit", skipHistory, file));
            case AUDIT_JSON -> outcomes.add(box.run("audit", skipHistory, "--format", "json", file));
            case AUDIT_SARIF -> outcomes.add(box.run("audit", skipHistory, "--format", "sarif", file));
            case AUDIT_OUTPUT_SARIF, AUDIT_OUTPUT_TEXT -> {
                Path report = box.root.resolve("report.out");
                String format = effective == ConfigCommand.AUDIT_OUTPUT_SARIF ? "sarif" : "text";
                outcomes.add(box.run(new byte[0], List.of(report), "audit", skipHistory, "--format", format, "-o",
                        report.toString(), file));
            }
            case AUDIT_DISCOVERED -> outcomes.add(dialect.discovered ? box.run("audit", skipHistory)
                    : box.run("audit", skipHistory, box.work.toString()));
            case AUDIT_DIRECTORY -> outcomes.add(box.run("audit", skipHistory, "--format", "json", config.getParent().toString()));
            case USAGES -> outcomes.add(box.run("usages", file));
            case USAGES_REF -> outcomes.add(box.run("usages", "--ref", "env:GITHUB_TOKEN", file));
            case USAGES_VALUE_STDIN -> outcomes.add(box.run(planted.text().getBytes(StandardCharsets.UTF_8), List.of(),
                    "usages", "--value-stdin", file));
            case TRUST -> {
                outcomes.add(box.run("trust", file));
                outcomes.add(box.run("trust", "--list"));
            }
            case DOCTOR -> outcomes.add(box.run("doctor"));
            case RUN_CONFIG, RUN_CHECK_CONFIG -> {
                outcomes.add(box.run("trust", file));
                List<String> args = new ArrayList<>(List.of("run"));
                if (effective == ConfigCommand.RUN_CHECK_CONFIG) {
                    args.addAll(List.of("--check", "--fail-on", "low"));
                }
                args.addAll(List.of("--config", file, "--server", "srv"));
                outcomes.add(box.run(args.toArray(String[]::new)));
            }
            default -> throw new IllegalArgumentException(effective.name());
        }
        return outcomes;
    }

    static List<LeakSandbox.Outcome> names(LeakSandbox box, String name, NamePosition position) {
        Planted harmless = new Planted("PLANTEDAAAAAAAAAAAA", "ghp_PLANTEDAAAAAAAAAAAA0123456789abcdefg");
        String npx = "npx";
        List<LeakSandbox.Outcome> outcomes = new ArrayList<>();
        String skipHistory = "--skip=" + "MCP-GIT-002";
        switch (position) {
            case AUDIT_SERVER_NAME, AUDIT_JSON_SERVER_NAME, USAGES_SERVER_NAME -> {
                Path config = box.write("work/.mcp.json", LeakConfigs.text(Dialect.CLAUDE_CODE_PROJECT, Slot.ENV,
                        Malformation.WELL_FORMED, harmless, name, npx));
                outcomes.add(switch (position) {
                    case AUDIT_SERVER_NAME -> box.run("audit", skipHistory, config.toString());
                    case AUDIT_JSON_SERVER_NAME -> box.run("audit", skipHistory, "--format", "json", config.toString());
                    default -> box.run("usages", config.toString());
                });
            }
            case AUDIT_ENV_NAME -> {
                Path config = box.write("work/.mcp.json", "{\"mcpServers\": {\"srv\": {\"command\": \"npx\", \"env\": {\""
                        + LeakConfigs.escape(name) + "_TOKEN\": \"" + harmless.text() + "\"}}}}");
                outcomes.add(box.run("audit", skipHistory, config.toString()));
            }
            case RUN_CONFIG_SERVER_ARG, RUN_CONFIG_DECLARED_NAME, RUN_CHECK_SERVER_NAME -> {
                Path config = box.write("work/.mcp.json", LeakConfigs.text(Dialect.CLAUDE_CODE_PROJECT, Slot.ENV,
                        Malformation.WELL_FORMED, harmless, position == NamePosition.RUN_CONFIG_SERVER_ARG ? "srv" : name,
                        box.stub.toString()));
                outcomes.add(box.run("trust", config.toString()));
                List<String> args = new ArrayList<>(List.of("run"));
                if (position == NamePosition.RUN_CHECK_SERVER_NAME) {
                    args.addAll(List.of("--check", "--fail-on", "info"));
                }
                args.addAll(List.of("--config", config.toString(), "--server",
                        position == NamePosition.RUN_CONFIG_DECLARED_NAME ? "other" : name));
                outcomes.add(box.run(args.toArray(String[]::new)));
            }
            case DOTENV_SET_KEY -> outcomes.add(box.run("v\n".getBytes(StandardCharsets.UTF_8), List.of(), "dotenv", "set",
                    name, "--file", box.root.resolve("names.env").toString()));
            case RUN_ENV_NAME -> outcomes.add(box.run("run", "--env", name + "=env:HOME", "--", box.stub.toString()));
            case GET_ENV_NAME -> outcomes.add(box.run("get", "env:" + name));
            case AUDIT_MISSING_PATH -> outcomes.add(box.run("audit", skipHistory, box.work.resolve(name).toString()));
            case AUDIT_FILE_NAMED -> {
                Path config = box.write("work/" + name.replace('/', '_') + ".json", LeakConfigs.text(Dialect.GENERIC,
                        Slot.ENV, Malformation.TRUNCATED_AFTER_VALUE, harmless, "srv", npx));
                outcomes.add(box.run("audit", skipHistory, config.toString()));
            }
            case TRUST_PATH -> outcomes.add(box.run("trust", box.work.resolve(name).toString()));
            case KEYCHAIN_ITEM -> outcomes.add(box.run("keychain", "delete", name));
            default -> throw new IllegalArgumentException(position.name());
        }
        return outcomes;
    }
}
