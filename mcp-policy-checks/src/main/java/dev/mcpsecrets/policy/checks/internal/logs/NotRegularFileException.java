package dev.mcpsecrets.policy.checks.internal.logs;

import java.io.IOException;

/** A log path that is not (or no longer) a regular file; the message says what it is. Never a value. */
public final class NotRegularFileException extends IOException {
    private static final long serialVersionUID = 1L;

    NotRegularFileException(String what) {
        super(what);
    }
}
