package dev.mcpsecrets.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code mcp-secrets completion}: the bash (and zsh) completion script, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script for mcp-secrets.",
        footer = {"", "Examples:",
            "  source <(mcp-secrets completion)                      # this shell",
            "  mcp-secrets completion > ~/.local/share/bash-completion/completions/mcp-secrets",
            "  # zsh: autoload -U +X bashcompinit && bashcompinit && source <(mcp-secrets completion)"})
final class CompletionCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("mcp-secrets", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
