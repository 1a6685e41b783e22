package dev.mcpsecrets.tck;

import dev.mcpsecrets.tck.internal.CapturingLoggerFactory;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line written through SLF4J while the TCK's capturing binding is active, so tests can
 * assert that no secret value was logged. The binding is registered as an SLF4J service provider
 * in this jar; if the test class path has another binding too, select this one with
 * {@code -Dslf4j.provider=dev.mcpsecrets.tck.internal.CapturingServiceProvider}.
 *
 * @since 0.1
 */
public final class CapturedLogs {
    private CapturedLogs() {
    }

    /**
     * Whether SLF4J writes through the capturing binding.
     *
     * @return {@code true} if log lines are captured
     */
    public static boolean isActive() {
        return LoggerFactory.getILoggerFactory() instanceof CapturingLoggerFactory;
    }

    /**
     * The captured lines so far: level, logger, formatted message and any throwable's text and causes.
     *
     * @return a snapshot
     */
    public static List<String> lines() {
        return CapturingLoggerFactory.lines();
    }

    /** Forgets the captured lines. */
    public static void clear() {
        CapturingLoggerFactory.clear();
    }
}
