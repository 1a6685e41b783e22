package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.process.BoundedProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs op under the caller's deadline and turns its failures into reasons, using {@link OpErrorCatalog}. */
final class OpFailures {
    /** Created on first failure: discovering this provider at start-up compiles and starts nothing. */
    private static final class Lazy {
        static final Logger LOG = LoggerFactory.getLogger(OpFailures.class);
        static final Pattern RETRY_IN = Pattern.compile("retry in (\\d{1,4}) (second|minute|hour)",
                Pattern.CASE_INSENSITIVE);
        static final Pattern ERROR_PREFIX = Pattern.compile(
                "^\\s*\\[ERROR]\\s*(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\s*)?");
        static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
    }

    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(60);
    private static final Duration SIGNED_OUT_WAIT = Duration.ofSeconds(5);
    private static final int SHOWN_LIMIT = 300;
    /** op's output is the values asked for, so it is not cut. */
    private static final int STDOUT_LIMIT = Integer.MAX_VALUE;
    /** Most stderr kept; op's messages are short. */
    private static final int STDERR_LIMIT = 16 * 1024;

    private final Cooldown cooldown;

    OpFailures(Cooldown cooldown) {
        this.cooldown = cooldown;
    }

    /**
     * Runs op, turning a start failure into UNAVAILABLE and a deadline overrun into TIMEOUT.
     *
     * @param command op and its arguments (references only, never values or tokens)
     * @param what the reference(s), for messages
     * @param verb e.g. {@code op read}
     * @param ctx the deadline and the child's environment
     * @param stdin standard input, or {@code null}
     * @return the finished process
     * @throws SecretException if it could not run to the end
     */
    BoundedProcess.Result run(List<String> command, String what, String verb, ResolveContext ctx, byte[] stdin)
            throws SecretException {
        if (ctx.isExpired()) {
            throw new SecretException(Reason.TIMEOUT, what, "deadline passed before " + verb + " was started");
        }
        long start = System.nanoTime();
        try {
            BoundedProcess.Result result = BoundedProcess.run(command, ctx.environment(), stdin, ctx.remaining(),
                    STDOUT_LIMIT, STDERR_LIMIT);
            Lazy.LOG.debug("{} for {} exited with {} after {} ms", verb, what, result.exitCode(),
                    (System.nanoTime() - start) / 1_000_000);
            return result;
        } catch (BoundedProcess.Failure e) {
            Reason reason = e.timedOut() ? Reason.TIMEOUT : Reason.UNAVAILABLE;
            Lazy.LOG.debug("{} for {} failed: {}", verb, what, e.getMessage());
            throw new SecretException(reason, what, verb + ": " + e.getMessage());
        }
    }

    /**
     * The failure a non-zero exit means. Known texts give their reason and op's first line (which names
     * vaults and items, never values); unknown texts give UNAVAILABLE and are not echoed.
     *
     * @param what the reference(s)
     * @param verb e.g. {@code op read}
     * @param result the finished process
     * @return the exception to throw
     */
    SecretException failure(String what, String verb, BoundedProcess.Result result) {
        String stderr = Lazy.ANSI.matcher(result.stderr()).replaceAll("");
        OpErrorCatalog.Rule rule = OpErrorCatalog.classify(stderr);
        if (rule == null) {
            Lazy.LOG.debug("{} for {} exited with {} and unrecognised output ({} characters)", verb, what,
                    result.exitCode(), stderr.length());
            return new SecretException(Reason.UNAVAILABLE, what, verb + " exited with code " + result.exitCode()
                    + "; its message (" + stderr.length() + " characters) matched no known 1Password error and is"
                    + " not shown");
        }
        if (rule.reason() == Reason.RATE_LIMITED) {
            cooldown.start(retryAfter(stderr), Reason.RATE_LIMITED, verb + ": " + rule.advice());
        } else if (rule.reason() == Reason.LOCKED) {
            cooldown.start(SIGNED_OUT_WAIT, Reason.LOCKED, verb + ": " + rule.advice());
        }
        return new SecretException(rule.reason(), what, verb + ": " + rule.advice() + " (op said: "
                + firstLine(stderr) + ")");
    }

    private static Duration retryAfter(String stderr) {
        Matcher m = Lazy.RETRY_IN.matcher(stderr);
        if (!m.find()) {
            return RATE_LIMIT_WAIT;
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "hour":
                return Duration.ofHours(n);
            case "minute":
                return Duration.ofMinutes(n);
            default:
                return Duration.ofSeconds(n);
        }
    }

    private static String firstLine(String stderr) {
        String line = stderr.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl);
        }
        line = Lazy.ERROR_PREFIX.matcher(line).replaceFirst("").strip();
        StringBuilder sb = new StringBuilder(Math.min(line.length(), SHOWN_LIMIT));
        for (int i = 0; i < line.length() && sb.length() < SHOWN_LIMIT; i++) {
            char c = line.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return line.length() > SHOWN_LIMIT ? sb + "…" : sb.toString();
    }
}
