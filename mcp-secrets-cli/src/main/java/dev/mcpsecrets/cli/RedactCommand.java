package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.checks.internal.logs.KnownValues;
import dev.mcpsecrets.policy.checks.internal.logs.Leak;
import dev.mcpsecrets.policy.checks.internal.logs.LeakScanner;
import dev.mcpsecrets.policy.checks.internal.logs.NotRegularFileException;
import dev.mcpsecrets.policy.checks.internal.logs.Redactor;
import dev.mcpsecrets.policy.source.FileSystemView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets redact}: removes leaked secrets from a client log or transcript, in place. */
@Command(name = "redact", mixinStandardHelpOptions = true,
        description = {"Replace each secret in a log or transcript with [REDACTED:<kind>], in place: the same file "
                + "(same inode) is rewritten and truncated, so a program holding it open sees the redacted bytes and no "
                + "copy of the old bytes is left by a rename. Known token formats always; with --known-values also "
                + "the values of your own references (those of your configs and of project configs you trusted).",
            "Quit the MCP client that writes the file first: a running client keeps writing to it.",
            "A .gz file is decompressed, redacted and written back compressed. Rotate a leaked credential first "
                + "(mcp-secrets usages shows where it is used): redacting the log does not make it secret again."},
        footer = {"", "Examples:",
            "  mcp-secrets redact --dry-run ~/Library/Logs/Claude/mcp-server-github.log",
            "  mcp-secrets redact --yes ~/.claude/projects/-Users-me-app/0b7c7d1e.jsonl",
            "  mcp-secrets redact --known-values --backup ~/.config/Claude/logs/mcp.log",
            "", "Exit codes: 0 redacted, or nothing found; 1 --dry-run found something; 2 usage error, or a file "
                + "that cannot be redacted (not a regular file, unreadable, changed while it was read)."})
final class RedactCommand extends EnvironmentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The log or transcript files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--known-values", description = "Also redact the values of your own references.")
    boolean knownValues;

    @Option(names = "--backup", description = "First copy each file to FILE.redact-backup-<time> (mode 600). The "
            + "backup holds the secrets: delete it once you have checked the result.")
    boolean backup;

    @Option(names = "--dry-run", description = "Only list what would be replaced (line, column, kind, fingerprint).")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do it without asking (needed when not at a terminal).")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FileSystemView view = PolicySupport.files(environment);
        if (!dryRun) {
            err.println("Quit the MCP client that writes " + (files.size() == 1 ? "this file" : "these files")
                    + " first (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf, Gemini CLI): a running client "
                    + "keeps the file open and goes on writing to it.");
            err.flush();
            if (!yes) {
                confirm();
            }
        }
        PolicySupport.ReadConfigs read = knownValues ? PolicySupport.read(List.of(), view) : null;
        PolicyContext.Builder builder = PolicySupport.context(environment, null, view,
                read == null ? List.of() : read.configs());
        int found = 0;
        if (knownValues) {
            builder.trustedConfigs(PolicySupport.trustedConfigs(read, environment));
            try (Secrets secrets = SecretsFactory.create(environment, null, Duration.ofSeconds(10))) {
                PolicyContext context = builder.build();
                try (KnownValues values = KnownValues.resolve(KnownValues.trustedReferences(context,
                        secrets.knownSchemes()), secrets, context.fingerprinter())) {
                    for (String note : values.notSearched()) {
                        err.println(escape("not searched: " + note));
                    }
                    found = redactAll(out, view, LeakScanner.builtIn(values, context.fingerprinter()));
                }
            }
        } else {
            PolicyContext context = builder.build();
            found = redactAll(out, view, LeakScanner.builtIn(null, context.fingerprinter()));
        }
        if (found > 0) {
            out.println(dryRun ? "Rotate these credentials first; then quit the client and run this again without "
                    + "--dry-run." : "These credentials were exposed: rotate them (mcp-secrets usages --ref REF, or "
                    + "pipe a token to mcp-secrets usages --value-stdin, shows where each is used).");
        }
        out.flush();
        return dryRun && found > 0 ? Main.FAILED : Main.OK;
    }

    private int redactAll(PrintWriter out, FileSystemView view, LeakScanner scanner) {
        int found = 0;
        for (Path named : files) {
            Path file = WorkingDirectory.absolute(named);
            String shown = escape(view.display(file));
            Redactor.Result r;
            try {
                r = Redactor.redact(file, scanner, backup, dryRun);
            } catch (NoSuchFileException e) {
                throw new CliException(Main.USAGE, shown + ": no such file");
            } catch (AccessDeniedException e) {
                throw new CliException(Main.USAGE, shown + ": permission denied");
            } catch (Redactor.ChangedException e) {
                throw new CliException(Main.USAGE, escape(e.getMessage()));
            } catch (NotRegularFileException e) {
                String why = e.getMessage();
                throw new CliException(Main.USAGE, escape(why.startsWith(file.toString()) ? shown
                        + why.substring(file.toString().length()) : shown + ": " + why));
            } catch (IOException e) {
                throw new CliException(Main.USAGE, shown + ": cannot be redacted (" + e.getClass().getSimpleName() + ")");
            }
            for (Leak leak : r.leaks()) {
                out.println(escape(shown + ":" + leak.line() + ":" + leak.column() + "  " + leak.kind() + " ("
                        + leak.fingerprint() + ")" + (dryRun ? "" : "  ->  [REDACTED:" + leak.label() + "]")));
            }
            found += r.leaks().size();
            if (r.leaks().isEmpty()) {
                out.println(escape(shown + ": no secret found; unchanged"));
            } else if (r.rewritten()) {
                out.println(escape(shown + ": " + r.leaks().size() + (r.leaks().size() == 1 ? " secret" : " secrets")
                        + " redacted in place (" + r.bytesBefore() + " -> " + r.bytesAfter() + " bytes)"));
                if (r.backup() != null) {
                    out.println(escape("backup (mode 600, holds the secrets; delete it once checked): "
                            + view.display(r.backup())));
                }
            }
        }
        return found;
    }

    private void confirm() {
        java.io.Console console = System.console();
        if (console == null) {
            throw new CliException(Main.USAGE, "not at a terminal: add --yes to redact, or --dry-run to see what would "
                    + "be replaced");
        }
        String answer = console.readLine("Have you quit the client? Redact in place? [y/N] ");
        if (answer == null || !answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
            throw new CliException(Main.FAILED, "nothing changed");
        }
    }
}
