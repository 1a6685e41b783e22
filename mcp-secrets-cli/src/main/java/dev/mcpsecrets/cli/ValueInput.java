package dev.mcpsecrets.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The value a {@code set} command stores ({@code dotenv set}, {@code keychain set}, {@code pass set}):
 * typed without echo when there is a terminal, otherwise piped on stdin ({@link PipedValue}). Never a
 * program argument, where {@code ps} and shell history would see it. A terminal stdin that cannot be read
 * without echo, and a closed stdin, are refused rather than read.
 */
final class ValueInput {
    private ValueInput() {
    }

    /**
     * Reads the value.
     *
     * @param unchanged how errors end, e.g. {@code nothing written}
     * @param confirm whether a typed value is asked for twice and the two must match
     * @param prompt the prompt, a {@link Console#readPassword(String, Object...)} format
     * @param args the prompt's arguments
     * @return the value (empty when nothing was typed or piped); the caller wipes it
     * @throws CliException USAGE when the value cannot be had or the two typed values differ
     */
    static char[] read(String unchanged, boolean confirm, String prompt, Object... args) {
        Console console = System.console();
        if (console == null) {
            return piped(System.in, unchanged);
        }
        if (!confirm) {
            // one line: Enter ends a typed value
            char[] typed = console.readPassword(prompt, args);
            return typed == null ? new char[0] : typed;
        }
        char[] first = console.readPassword(prompt, args);
        char[] second = first == null ? null : console.readPassword("Again: ");
        try {
            if (first == null || second == null) {
                throw new CliException(Main.USAGE, "no value entered");
            }
            if (!Arrays.equals(first, second)) {
                throw new CliException(Main.USAGE, "the two entries differ; " + unchanged);
            }
            return first.clone();
        } finally {
            wipe(first);
            wipe(second);
        }
    }

    /**
     * The value piped to stdin ({@link PipedValue}), unless stdin is a terminal or was closed.
     *
     * @param in the stream to read, standard input
     * @param unchanged how errors end, e.g. {@code nothing written}
     * @return the value; the caller wipes it
     */
    static char[] piped(InputStream in, String unchanged) {
        if (StandardInput.isTerminal()) {
            // the terminal could not be put in no-echo mode: stdout is not a terminal
            throw new CliException(Main.USAGE, "stdin is a terminal but stdout is not, so the value cannot be "
                    + "typed without echo; run without redirecting stdout, or pipe the value in; " + unchanged);
        }
        if (StandardInput.wasClosed()) {
            throw new CliException(Main.USAGE, "stdin is closed and there is no terminal to ask on; "
                    + unchanged);
        }
        try {
            return PipedValue.read(in, unchanged);
        } catch (IOException e) {
            // e.g. stdin redirected from a directory; the system's reason is words only, never input
            String reason = e.getMessage() != null && e.getMessage().matches("[A-Za-z ,]{1,80}") ? e.getMessage()
                    : e.getClass().getSimpleName();
            throw new CliException(Main.USAGE, "cannot read the value from stdin: " + reason + "; "
                    + unchanged);
        }
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
