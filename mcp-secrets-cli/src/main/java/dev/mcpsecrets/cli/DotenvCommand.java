package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.dotenv.DotenvFile;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets dotenv set|remove KEY}: edit a private .env file without the value ever being in argv. */
@Command(name = "dotenv", mixinStandardHelpOptions = true,
        description = "Edit the .env files the dotenv: provider reads (mode 600, atomically, other lines kept).",
        subcommands = {DotenvCommand.Set.class, DotenvCommand.Remove.class},
        footer = {"", "Examples:",
            "  mcp-secrets dotenv set BRAVE_API_KEY                  # asks for the value, no echo",
            "  op read op://Private/Brave/key | mcp-secrets dotenv set BRAVE_API_KEY --profile production",
            "  mcp-secrets dotenv remove BRAVE_API_KEY --file .env"})
final class DotenvCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: set or remove");
    }

    /** Options shared by the subcommands: which file. */
    abstract static class FileOptions extends EnvironmentCommand {
        @Parameters(index = "0", paramLabel = "KEY", description = "The variable name.")
        String key;

        @Option(names = "--file", paramLabel = "FILE",
                description = "The .env file (default: ~/.config/mcp-secrets/.env, or .env.PROFILE with --profile).")
        Path file;

        @Option(names = "--profile", paramLabel = "PROFILE", description = "Edit .env.PROFILE in ~/.config/mcp-secrets.")
        String profile;

        Path target() {
            if (!DotenvFile.isValidKey(key)) {
                // not echoed: KEY=value given as the key would otherwise print the value
                throw new CliException(Main.USAGE, "invalid key (argument KEY, " + key.length()
                        + " characters, not shown): use letters, digits, _, . or -");
            }
            if (file != null) {
                return file;
            }
            String name = profile == null ? ".env" : ".env." + PolicySupport.profile(environment, profile).name();
            return UserConfigDir.from(environment).resolve(name);
        }
    }

    /** {@code dotenv set KEY}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set KEY to a value typed at the terminal (not echoed) or read from stdin (one line).",
                "The value is never taken from the command line, where the process list and shell history would "
                    + "see it."},
            footer = {"", "Examples:", "  mcp-secrets dotenv set GITHUB_TOKEN",
                "  printf %%s \"$VALUE\" | mcp-secrets dotenv set GITHUB_TOKEN --file ./.env",
                "", "Exit codes: 0 written, 2 usage error or empty value, 1 the file could not be written."})
    static final class Set extends FileOptions implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Path target = target();
            char[] value = readValue();
            try {
                if (value.length == 0) {
                    throw new CliException(Main.USAGE, "empty value; nothing written");
                }
                Secret secret = Secret.of(value);
                try {
                    DotenvFile.load(target).set(key, secret).write();
                } finally {
                    secret.destroy();
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("set " + key + " in " + target + " (" + value.length + " characters, mode 600); reference: dotenv:"
                        + (file == null ? key : target.toAbsolutePath() + "#" + key));
                return Main.OK;
            } finally {
                Arrays.fill(value, '\0');
            }
        }

        private char[] readValue() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("value for %s (not shown): ", key);
                return typed == null ? new char[0] : typed;
            }
            return LeakedValue.read(System.in);
        }
    }

    /** {@code dotenv remove KEY}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove every definition of KEY.",
            footer = {"", "Example:", "  mcp-secrets dotenv remove GITHUB_TOKEN --profile production"})
    static final class Remove extends FileOptions implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Path target = target();
            DotenvFile before = DotenvFile.load(target);
            if (!before.contains(key)) {
                spec.commandLine().getOut().println(key + " is not set in " + target);
                return Main.FAILED;
            }
            before.remove(key).write();
            spec.commandLine().getOut().println("removed " + key + " from " + target);
            return Main.OK;
        }
    }
}
