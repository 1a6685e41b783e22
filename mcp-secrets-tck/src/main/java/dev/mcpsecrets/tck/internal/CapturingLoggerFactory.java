package dev.mcpsecrets.tck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** Hands out capturing loggers; all of them write into one process-wide buffer. */
public final class CapturingLoggerFactory implements ILoggerFactory {
    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, CapturingLogger::new);
    }

    static void record(String line) {
        LINES.add(line);
    }

    /**
     * The captured lines.
     *
     * @return a snapshot
     */
    public static List<String> lines() {
        return new ArrayList<>(LINES);
    }

    /** Forgets the captured lines. */
    public static void clear() {
        LINES.clear();
    }
}
