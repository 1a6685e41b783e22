package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ProviderStatus;
import dev.mcpsecrets.api.Secrets;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mcp-secrets providers}: every provider, whether it can work here, and why not. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List the secret providers found, in resolution order, with their availability.",
        footer = {"", "Example:", "  mcp-secrets providers"})
final class ProvidersCommand extends EnvironmentCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "PROFILE", converter = OptionTypes.ProfileConverter.class,
            completionCandidates = OptionTypes.ProfileCandidates.class,
            description = "Profile to report: ${COMPLETION-CANDIDATES} (default from the environment).")
    Profile profile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Secrets secrets = SecretsFactory.create(environment, profile, Duration.ofSeconds(10))) {
            List<ProviderStatus> providers = secrets.providers();
            out.println("profile: " + secrets.profile());
            int width = 4;
            for (ProviderStatus p : providers) {
                width = Math.max(width, p.id().length());
            }
            for (ProviderStatus p : providers) {
                String state = p.availability().available() ? "available" : "unavailable (" + p.availability().reason() + ")";
                out.printf("%-" + width + "s  %-8s  priority %3d  %-28s %s%n", escape(p.id()),
                        escape(String.join(",", new TreeSet<>(p.schemes()))), p.priority(), state,
                        escape(p.availability().detail()));
            }
            out.println(providers.size() + (providers.size() == 1 ? " provider" : " providers"));
        }
        return Main.OK;
    }
}
