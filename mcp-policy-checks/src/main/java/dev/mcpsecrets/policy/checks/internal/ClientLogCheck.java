package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.api.internal.files.FileSafety;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.checks.internal.logs.Budget;
import dev.mcpsecrets.policy.checks.internal.logs.ClientLogLocations;
import dev.mcpsecrets.policy.checks.internal.logs.KnownValues;
import dev.mcpsecrets.policy.checks.internal.logs.Leak;
import dev.mcpsecrets.policy.checks.internal.logs.LeakScanner;
import dev.mcpsecrets.policy.checks.internal.logs.LogFileScan;
import dev.mcpsecrets.policy.checks.internal.logs.LogScanOptions;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Secrets that already leaked into MCP clients' logs and transcripts (Claude Desktop's {@code mcp*.log},
 * Claude Code's session transcripts and prompt history, Cursor's, VS Code's and Windsurf's MCP output
 * logs, Gemini CLI's chats), scanned as streams within a time budget.
 *
 * <ul>
 *   <li>{@code MCP-LOG-001}: a token of a known format in a log or transcript.</li>
 *   <li>{@code MCP-LOG-002}: the value of one of the user's own references (option
 *       {@value #KNOWN_VALUES}, {@code audit --known-values}): the references of trusted configs are
 *       resolved, searched in memory and destroyed.</li>
 *   <li>{@code MCP-LOG-003}: a log that was not (wholly) scanned: unreadable, not a regular file, or past
 *       the time budget; and the references whose values were not searched.</li>
 * </ul>
 * Options ({@link LogScanOptions}): {@code logs.knownValues} ({@code true} to search for the user's own
 * values) and {@code logs.budgetSeconds} (default 20).
 */
public final class ClientLogCheck implements PolicyCheck {
    static final String KNOWN_FORMAT = "MCP-LOG-001";
    static final String OWN_VALUE = "MCP-LOG-002";
    static final String NOT_SCANNED = "MCP-LOG-003";
    static final String KNOWN_VALUES = LogScanOptions.KNOWN_VALUES;
    static final String BUDGET_SECONDS = LogScanOptions.BUDGET_SECONDS;
    static final int DEFAULT_BUDGET_SECONDS = LogScanOptions.DEFAULT_BUDGET_SECONDS;
    /** Lines listed per finding; the rest are counted. */
    private static final int LINES_SHOWN = 10;

    private final LongSupplier nanoTime;

    /** The check, on the system clock. */
    public ClientLogCheck() {
        this(System::nanoTime);
    }

    ClientLogCheck(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public String id() {
        return KNOWN_FORMAT;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(KNOWN_FORMAT, OWN_VALUE, NOT_SCANNED);
    }

    @Override
    public String description() {
        return "Secrets leaked into MCP client logs and transcripts";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.MACHINE);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        FileSystemView view = context.files();
        Budget budget = Budget.of(nanoTime, Duration.ofSeconds(budgetSeconds(context)));
        ClientLogLocations.Listing listing = ClientLogLocations.list(
                ClientLogLocations.places(view, context.environment()));
        if (listing.files().isEmpty()) {
            return Stream.empty();
        }
        KnownValues values = knownValues(context, findings);
        try {
            LeakScanner scanner = new LeakScanner(SecretScanner.builtIn(), values, context.fingerprinter());
            List<ClientLogLocations.Found> left = new ArrayList<>();
            for (ClientLogLocations.Found f : listing.files()) {
                if (f.problem() != null) {
                    findings.add(notScanned(view, f, f.problem(), 0));
                    continue;
                }
                if (budget.exhausted()) {
                    left.add(f);
                    continue;
                }
                Map<String, Occurrences> seen = new LinkedHashMap<>();
                LogFileScan.Outcome outcome = LogFileScan.scan(f.path(), scanner, budget, leak ->
                        seen.computeIfAbsent(leak.source() + " " + leak.fingerprint(), k -> new Occurrences(leak)).add(leak));
                seen.values().forEach(o -> findings.add(leaked(view, f, o)));
                if (outcome.problem() != null) {
                    findings.add(notScanned(view, f, outcome.problem(), 0));
                } else if (!outcome.result().complete()) {
                    findings.add(notScanned(view, f, "the time budget of " + budgetSeconds(context) + " s ran out at "
                            + "line " + outcome.result().line() + " (" + outcome.result().bytes() + " bytes read)",
                            outcome.result().line()));
                }
            }
            if (!left.isEmpty() || listing.truncated()) {
                findings.add(budgetSpent(view, context, left, listing.truncated()));
            }
        } finally {
            if (values != null) {
                values.close();
            }
        }
        return findings.stream();
    }

    private static int budgetSeconds(PolicyContext context) {
        try {
            return Math.max(1, Integer.parseInt(context.option(BUDGET_SECONDS).orElse("" + DEFAULT_BUDGET_SECONDS)));
        } catch (NumberFormatException e) {
            return DEFAULT_BUDGET_SECONDS;
        }
    }

    /** The user's own values, when asked for and a secrets facade is there; notes what was not searched. */
    private static KnownValues knownValues(PolicyContext context, List<Finding> findings) {
        if (!Boolean.parseBoolean(context.option(KNOWN_VALUES).orElse("false"))) {
            return null;
        }
        if (context.secrets().isEmpty()) {
            findings.add(Finding.builder(NOT_SCANNED, Severity.INFO).title("Log or transcript not scanned")
                    .message("the values of your references were not searched: no secrets facade was given to resolve "
                            + "them").remediation("Run mcp-secrets audit --known-values, or give the PolicyContext a "
                            + "Secrets instance.").fingerprintHint("no-secrets").build());
            return null;
        }
        Secrets secrets = context.secrets().get();
        Set<String> schemes = secrets.knownSchemes();
        KnownValues values = KnownValues.resolve(KnownValues.trustedReferences(context, schemes), secrets,
                context.fingerprinter());
        int untrusted = KnownValues.untrustedReferences(context, schemes);
        List<String> notes = new ArrayList<>(values.notSearched());
        if (untrusted > 0) {
            notes.add(untrusted + (untrusted == 1 ? " reference" : " references") + " in project configs you have not "
                    + "trusted (not resolved: a cloned repository must not choose which of your secrets are read)");
        }
        if (!notes.isEmpty()) {
            findings.add(Finding.builder(NOT_SCANNED, Severity.INFO).title("Log or transcript not scanned")
                    .message("the logs were searched for " + values.searched() + " of your values; not searched: "
                            + String.join("; ", notes))
                    .remediation("Review a project config, then: mcp-secrets trust FILE; a reference that could not be "
                            + "resolved: mcp-secrets get REF says why.")
                    .fingerprintHint("not-searched").build());
        }
        return values;
    }

    private static Finding leaked(FileSystemView view, ClientLogLocations.Found f, Occurrences o) {
        Leak first = o.first;
        String file = view.display(f.path());
        String where = file + " line " + first.line() + (o.count > 1 ? " (" + o.count + " times; lines " + o.lines()
                + ")" : "");
        String quit = "quit " + f.place().client() + " (it keeps the file open and writes to it), then remove it from "
                + "the file: mcp-secrets redact" + (first.source() == Leak.Source.VALUE ? " --known-values " : " ")
                + FileSafety.shellQuote(f.path().toString());
        Location at = Location.of(f.path(), (int) Math.min(Integer.MAX_VALUE, first.line()),
                (int) Math.min(Integer.MAX_VALUE, first.column()));
        if (first.source() == Leak.Source.VALUE) {
            String ref = first.label();
            return Finding.builder(OWN_VALUE, Severity.CRITICAL)
                    .title("Your secret is in an MCP client log or transcript")
                    .message(where + " holds the " + first.kind() + " (" + first.fingerprint() + ") in "
                            + f.place().client() + "'s " + f.place().what() + "; these files are kept for weeks, backed "
                            + "up, synced and attached to bug reports")
                    .location(at)
                    .remediation("Rotate it first, since it has leaked: mcp-secrets usages --ref " + ref + " lists "
                            + "every config and server that uses it; issue a new value and store it under the same "
                            + "reference. Then " + quit)
                    .fingerprintHint(first.fingerprint())
                    .build();
        }
        return Finding.builder(KNOWN_FORMAT, Severity.HIGH)
                .title("Secret in an MCP client log or transcript")
                .message(where + " holds a " + first.kind() + " (" + first.fingerprint() + ") in " + f.place().client()
                        + "'s " + f.place().what() + "; these files are kept for weeks, backed up, synced and attached "
                        + "to bug reports")
                .location(at)
                .remediation("Rotate the credential first, since it has leaked: paste it into mcp-secrets usages "
                        + "--value-stdin to see where it is configured, revoke it at its issuer and store the new one "
                        + "behind a reference. Then " + quit)
                .fingerprintHint(first.fingerprint())
                .build();
    }

    private static Finding notScanned(FileSystemView view, ClientLogLocations.Found f, String why, long line) {
        return Finding.builder(NOT_SCANNED, Severity.LOW)
                .title("Log or transcript not scanned")
                .message(view.display(f.path()) + " (" + f.place().client() + " " + f.place().what() + ") was not "
                        + (line > 0 ? "wholly " : "") + "scanned: " + why)
                .location(line > 0 ? Location.of(f.path(), (int) Math.min(Integer.MAX_VALUE, line), 1)
                        : Location.of(f.path()))
                .remediation(line > 0 ? "Run mcp-secrets audit --log-budget SECONDS with more time, or scan the file "
                        + "alone: mcp-secrets redact --dry-run " + FileSafety.shellQuote(f.path().toString())
                        : "Check who owns it and what it is (ls -l " + FileSafety.shellQuote(f.path().toString())
                        + "); a client's own log should be a regular file you can read.")
                .fingerprintHint("not-scanned")
                .build();
    }

    private static Finding budgetSpent(FileSystemView view, PolicyContext context, List<ClientLogLocations.Found> left,
            boolean truncated) {
        StringBuilder m = new StringBuilder();
        if (!left.isEmpty()) {
            m.append(left.size()).append(left.size() == 1 ? " log was" : " logs were")
                    .append(" not scanned: the time budget of ").append(budgetSeconds(context))
                    .append(" s ran out; the first is ").append(view.display(left.get(0).path()));
        }
        if (truncated) {
            m.append(m.length() > 0 ? "; " : "").append("only the first ").append(ClientLogLocations.MAX_FILES)
                    .append(" files were listed");
        }
        return Finding.builder(NOT_SCANNED, Severity.LOW)
                .title("Log or transcript not scanned")
                .message(m.toString())
                .remediation("Run mcp-secrets audit --log-budget SECONDS with more time, or delete old transcripts "
                        + "you no longer need.")
                .fingerprintHint("budget")
                .build();
    }

    /** Where one secret occurs in one file. */
    private static final class Occurrences {
        final Leak first;
        long count;
        final List<Long> lines = new ArrayList<>();

        Occurrences(Leak first) {
            this.first = first;
        }

        void add(Leak leak) {
            count++;
            if (lines.size() < LINES_SHOWN && (lines.isEmpty() || lines.get(lines.size() - 1) != leak.line())) {
                lines.add(leak.line());
            }
        }

        String lines() {
            StringBuilder sb = new StringBuilder();
            for (Long l : lines) {
                sb.append(sb.length() > 0 ? ", " : "").append(l);
            }
            return sb.append(count > lines.size() ? ", …" : "").toString();
        }
    }
}
