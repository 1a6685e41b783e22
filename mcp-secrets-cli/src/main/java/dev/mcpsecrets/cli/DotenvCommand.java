package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.internal.files.FileSafety;
import dev.mcpsecrets.api.internal.files.PathSafety;
import dev.mcpsecrets.api.internal.files.SafeFiles;
import dev.mcpsecrets.dotenv.DotenvFile;
import dev.mcpsecrets.dotenv.DotenvParseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
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

        /**
         * Anything picocli cannot place (an argument after KEY, an unknown option such as {@code --value=…}):
         * most likely a value typed where it must not be, so it is refused unseen instead of echoed.
         */
        @picocli.CommandLine.Unmatched
        java.util.List<String> extra = new java.util.ArrayList<>();

        @Option(names = "--file", paramLabel = "FILE",
                description = "The .env file (default: ~/.config/mcp-secrets/.env, or .env.PROFILE with --profile).")
        Path file;

        @Option(names = "--profile", paramLabel = "PROFILE", converter = OptionTypes.ProfileConverter.class,
                completionCandidates = OptionTypes.ProfileCandidates.class,
                description = "Edit .env.PROFILE in ~/.config/mcp-secrets: ${COMPLETION-CANDIDATES}.")
        Profile profile;

        Path target() {
            if (!extra.isEmpty()) {
                // never echoed: it may be the secret itself, now in the shell history
                throw new CliException(Main.USAGE, "unexpected argument" + (extra.size() == 1 ? "" : "s")
                        + " or option" + (extra.size() == 1 ? "" : "s") + " (" + extra.size()
                        + ", not shown): the value is read from the terminal or stdin, "
                        + "never from the command line; if a secret was typed there, it is in the shell history: "
                        + "rotate it");
            }
            if (!DotenvFile.isValidKey(key)) {
                // not echoed either: a value given in KEY's place would be printed otherwise
                throw new CliException(Main.USAGE, "invalid KEY (argument 1, " + key.length()
                        + " characters, not shown): use ASCII letters, digits, _, . or -");
            }
            if (file != null) {
                return file;
            }
            String name = profile == null ? ".env" : ".env." + profile.name();
            return UserConfigDir.from(environment).resolve(name);
        }

        /**
         * Refuses (production profile) a file in a directory where another user could replace files; elsewhere
         * the writer warns. Writers of one file are serialised by a lock file beside it.
         */
        Path checkDirectory(Path target) throws IOException {
            Optional<FileSafety.Violation> shared = PathSafety.checkNotShared(SafeFiles.target(target).getParent());
            if (shared.isPresent() && (profile != null ? profile : Profile.fromEnvironment(environment, null)).equals(Profile.PRODUCTION)) {
                throw new CliException(Main.FAILED, "not written: " + shared.get().problem()
                        + ", so another user could swap the file being written; fix: " + shared.get().fix());
            }
            return target;
        }

        static CliException cannotWrite(Path target, IOException e) {
            if (e instanceof DotenvParseException positioned) {
                return new CliException(Main.FAILED, positioned.getMessage() + "; nothing written"); // never the text
            }
            // the reason from the exception's type and the system, never a free-form message
            return new CliException(Main.FAILED, "cannot write " + target + ": " + DotenvTarget.reason(e)
                    + "; the file is unchanged");
        }
    }

    /** {@code dotenv set KEY}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set KEY to a value typed at the terminal (one line, not echoed) or piped to stdin (everything "
                    + "up to end of input, one trailing line end dropped; UTF-8, at most 1 MiB).",
                "The value is never taken from the command line, where the process list and shell history would "
                    + "see it."},
            footer = {"", "Examples:", "  mcp-secrets dotenv set GITHUB_TOKEN",
                "  printf %%s \"$VALUE\" | mcp-secrets dotenv set GITHUB_TOKEN --file ./.env",
                "  mcp-secrets dotenv set GCP_CREDENTIALS < service-account.json   # multi-line values are kept",
                "", "Exit codes: 0 written; 2 usage error, empty value, value not UTF-8 or too large; 1 the file cannot be "
                    + "used (a directory, not a regular file, a symlink loop, unreadable, not UTF-8) or written."})
    static final class Set extends FileOptions implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Path target = target();
            DotenvTarget.load(target); // refuses an unusable file before the value is asked for
            char[] value = ValueInput.read("nothing written", false, "value for %s (not shown): ", key);
            try {
                if (value.length == 0) {
                    throw new CliException(Main.USAGE, "empty value; nothing written");
                }
                Secret secret = Secret.of(value);
                try {
                    DotenvFile.update(checkDirectory(target), f -> f.set(key, secret));
                } catch (IOException e) {
                    throw cannotWrite(target, e);
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
    }

    /** {@code dotenv remove KEY}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove every definition of KEY.",
            footer = {"", "Example:", "  mcp-secrets dotenv remove GITHUB_TOKEN --profile production"})
    static final class Remove extends FileOptions implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Path target = target();
            DotenvTarget.load(target); // refuses an unusable file with its own message
            DotenvFile before;
            try {
                before = DotenvFile.update(checkDirectory(target), f -> f.remove(key));
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
            if (!before.contains(key)) {
                spec.commandLine().getOut().println(key + " is not set in " + target);
                return Main.FAILED;
            }
            spec.commandLine().getOut().println("removed " + key + " from " + target);
            return Main.OK;
        }
    }
}
