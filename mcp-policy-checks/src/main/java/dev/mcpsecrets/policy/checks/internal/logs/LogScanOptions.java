package dev.mcpsecrets.policy.checks.internal.logs;

/** The check options of the client log scan, as the command sets them. */
public final class LogScanOptions {
    /** Option: {@code true} to search for the values of the user's own references. */
    public static final String KNOWN_VALUES = "logs.knownValues";
    /** Option: seconds the whole scan may take. */
    public static final String BUDGET_SECONDS = "logs.budgetSeconds";
    /** The budget when none is given. */
    public static final int DEFAULT_BUDGET_SECONDS = 20;

    private LogScanOptions() {
    }
}
