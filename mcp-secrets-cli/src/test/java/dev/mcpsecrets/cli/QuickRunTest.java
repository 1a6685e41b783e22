package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free launch path of {@code run} understands exactly what the picocli one does. */
class QuickRunTest {
    @Test
    void everyRunOptionIsUnderstoodByTheQuickParser() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new RunCommand()).getCommandSpec();
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            // a value the option accepts: its first completion candidate if it has any
            String value = option.completionCandidates() != null
                    ? option.completionCandidates().iterator().next() : "1";
            for (String name : option.names()) {
                String[] args = option.arity().max() == 0 ? new String[] {"run", name, "--", "x"}
                        : new String[] {"run", name, value, "--", "x"};
                assertThat(QuickRun.parse(args)).as(name).isNotNull();
            }
        }
    }

    @Test
    void parsesLikePicocli() {
        RunCommand quick = QuickRun.parse(new String[] {"-v", "run", "-e", "A=env:X", "--env", "B=env:Y", "--check",
            "--fail-on", "medium", "--timeout", "5", "srv", "--flag", "arg"});
        assertThat(quick).isNotNull();
        assertThat(quick.env).containsExactly("A=env:X", "B=env:Y");
        assertThat(quick.check).isTrue();
        assertThat(quick.failOn).isEqualTo(Severity.MEDIUM);
        assertThat(quick.timeoutSeconds).isEqualTo(5.0);
        assertThat(quick.command).containsExactly("srv", "--flag", "arg");

        RunCommand typed = QuickRun.parse(new String[] {"run", "--profile", "PROD", "--fail-on", "Critical", "--", "srv"});
        RunCommand typedByPicocli = new RunCommand();
        new CommandLine(typedByPicocli).setStopAtPositional(true)
                .parseArgs("--profile", "PROD", "--fail-on", "Critical", "--", "srv");
        assertThat(typed.profile).isEqualTo(Profile.PRODUCTION).isEqualTo(typedByPicocli.profile);
        assertThat(typed.failOn).isEqualTo(Severity.CRITICAL).isEqualTo(typedByPicocli.failOn);

        RunCommand defaults = QuickRun.parse(new String[] {"run", "--", "srv"});
        RunCommand picocli = new RunCommand();
        new CommandLine(picocli).setStopAtPositional(true).parseArgs("--", "srv");
        assertThat(defaults.failOn).isEqualTo(picocli.failOn);
        assertThat(defaults.profile).isEqualTo(picocli.profile);
        assertThat(defaults.timeoutSeconds).isEqualTo(picocli.timeoutSeconds);
        assertThat(defaults.command).isEqualTo(picocli.command);
    }

    @Test
    void leavesEverythingElseToPicocli() {
        assertThat(QuickRun.parse(new String[] {"run", "--help"})).isNull();
        assertThat(QuickRun.parse(new String[] {"run", "--bogus", "--", "x"})).isNull();
        assertThat(QuickRun.parse(new String[] {"run", "--env"})).isNull();
        assertThat(QuickRun.parse(new String[] {"run", "--timeout", "soon", "--", "x"})).isNull();
        assertThat(QuickRun.parse(new String[] {"run", "--fail-on", "severe", "--", "x"})).isNull();
        assertThat(QuickRun.parse(new String[] {"run", "--profile", "no good", "--", "x"})).isNull();
        assertThat(QuickRun.parse(new String[] {"get", "env:X"})).isNull();
        assertThat(QuickRun.parse(new String[] {})).isNull();
        assertThat(List.of(QuickRun.parse(new String[] {"run"}).command)).containsExactly(List.of());
    }
}
