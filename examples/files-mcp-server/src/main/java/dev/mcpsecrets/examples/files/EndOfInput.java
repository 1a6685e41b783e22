package dev.mcpsecrets.examples.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** Standard input that counts a latch down at its end: a stdio server stops when its client closes the pipe. */
final class EndOfInput extends FilterInputStream {
    private final CountDownLatch ended;

    EndOfInput(InputStream in, CountDownLatch ended) {
        super(in);
        this.ended = ended;
    }

    @Override
    public int read() throws IOException {
        return signal(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return signal(super.read(b, off, len));
    }

    private int signal(int n) {
        if (n < 0) {
            ended.countDown();
        }
        return n;
    }
}
