package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.internal.text.TerminalText;
import java.io.PrintStream;

/**
 * Configures slf4j-simple before the first logger exists: warnings and errors on stderr by default,
 * everything from INFO (including audit events) with {@code --verbose}. Never stdout.
 *
 * <p>slf4j-simple formats a line and prints it to {@code System.err} as it is at that moment, with no
 * hook for the text: {@link #escapeLogLines} puts a stream there that escapes what a terminal could act
 * on (ESC, OSC, carriage return, bidi overrides, a line break that would forge another line) in each
 * printed piece, because logged names and paths come from configs and arguments. The command's own
 * messages keep writing to the original stderr and escape their text themselves.
 */
final class Logging {
    private Logging() {
    }

    static void configure(String[] args) {
        boolean verbose = false;
        for (String a : args) {
            if ("--".equals(a)) {
                break;
            }
            if ("--verbose".equals(a) || "-v".equals(a)) {
                verbose = true;
            }
        }
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    /**
     * Replaces {@code System.err}, where the loggers write, with a stream escaping each printed line.
     *
     * @return the original stream, for the command's own messages
     */
    static PrintStream escapeLogLines() {
        PrintStream original = System.err;
        if (!(original instanceof EscapingStream)) {
            System.setErr(new EscapingStream(original));
        }
        return original;
    }

    /**
     * Escapes every {@code print} of text: a logger prints a line with {@code println}, which prints the
     * text and then the line end, so the text's own line breaks and controls are escaped and the line
     * end is kept. Stack traces print line by line the same way.
     */
    static final class EscapingStream extends PrintStream {
        EscapingStream(PrintStream target) {
            super(target, true, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void print(String s) {
            super.print(TerminalText.escape(s));
        }

        @Override
        public void print(Object o) {
            print(String.valueOf(o));
        }

        @Override
        public void print(char[] s) {
            print(new String(s));
        }

        @Override
        public void println(String s) {
            synchronized (this) {
                print(s);
                println();
            }
        }

        @Override
        public void println(Object o) {
            println(String.valueOf(o));
        }

        @Override
        public void println(char[] s) {
            println(new String(s));
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
