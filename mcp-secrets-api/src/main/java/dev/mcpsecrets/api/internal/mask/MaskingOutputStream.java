package dev.mcpsecrets.api.internal.mask;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * An output stream that masks registered values on their way to another stream ({@link MaskingScanner}).
 * {@link #flush()} flushes what was decided and keeps holding a tail that may still grow into a match;
 * {@link #finish()} decides that tail as the end of the stream; {@link #close()} finishes and closes the
 * target. Thread-safe: writes are serialised.
 */
public final class MaskingOutputStream extends OutputStream {
    private final OutputStream target;
    private final MaskingScanner scanner;
    private boolean finished;

    /**
     * A stream writing to {@code target}.
     *
     * @param target where masked bytes go
     * @param tables the current table, read once per write
     * @param jsonStringsOnly mask only inside JSON strings (a JSON-RPC stream)
     */
    public MaskingOutputStream(OutputStream target, Supplier<MaskTable> tables, boolean jsonStringsOnly) {
        this.target = target;
        this.scanner = new MaskingScanner(tables, jsonStringsOnly, target::write);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("stream closed");
        }
        scanner.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    /**
     * Passes on the held tail as it is (the stream has ended, so it can no longer become a match) and
     * flushes the target, without closing it.
     *
     * @throws IOException if the target fails
     */
    public synchronized void finish() throws IOException {
        if (!finished) {
            finished = true;
            scanner.finish();
        }
        target.flush();
    }

    /**
     * How many values were replaced so far.
     *
     * @return the count
     */
    public synchronized int replacements() {
        return scanner.replacements();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            target.close();
        }
    }
}
