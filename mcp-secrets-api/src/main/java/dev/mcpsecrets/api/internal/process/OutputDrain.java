package dev.mcpsecrets.api.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a stream to its end into a buffer that is wiped whenever it grows; keeps at most {@code limit} bytes. */
final class OutputDrain implements Runnable {
    private final InputStream in;
    private final int limit;
    private byte[] buf = new byte[512];
    private int len;
    private boolean overflowed;

    OutputDrain(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[4096];
        try (InputStream stream = in) {
            int n;
            while ((n = stream.read(chunk)) > 0) {
                append(chunk, n);
            }
        } catch (IOException e) {
            // the process was killed; what was read so far is kept
        } finally {
            Arrays.fill(chunk, (byte) 0);
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        int keep = Math.min(n, limit - len);
        if (keep < n) {
            overflowed = true;
        }
        if (keep <= 0) {
            return;
        }
        if (len + keep > buf.length) {
            byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, len + keep));
            Arrays.fill(buf, (byte) 0);
            buf = bigger;
        }
        System.arraycopy(chunk, 0, buf, len, keep);
        len += keep;
    }

    /** Whether more than the limit arrived. */
    synchronized boolean overflowed() {
        return overflowed;
    }

    synchronized byte[] copy() {
        return Arrays.copyOf(buf, len);
    }

    synchronized String text() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    synchronized void wipe() {
        Arrays.fill(buf, (byte) 0);
    }
}
