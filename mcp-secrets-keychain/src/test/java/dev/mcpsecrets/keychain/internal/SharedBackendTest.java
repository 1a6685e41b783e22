package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedBackendTest {
    private static final Target TARGET = new Target(Platform.WINDOWS, "");

    /**
     * A call that times out while another call holds the connection lock (opening or fetching the backend) must
     * still get its backend dropped: the next call opens a fresh one instead of reusing one that may be stuck.
     */
    @Test
    void aDiscardThatFindsTheLockHeldIsDoneByTheNextCall() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch letOpen = new CountDownLatch(1);
        List<Backend> opened = new CopyOnWriteArrayList<>();
        SharedBackend shared = new SharedBackend(target -> {
            Backend backend = new NullBackend();
            opened.add(backend);
            if (opened.size() == 1) {
                opening.countDown();
                try {
                    letOpen.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return backend;
        }, Duration.ofMinutes(1));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Object> first = worker.submit(() -> shared.run(TARGET, backend -> (Object) backend));
            assertThat(opening.await(30, TimeUnit.SECONDS)).isTrue();
            shared.discard(TARGET); // the lock is held by the opening call
            letOpen.countDown();
            Object stuck = first.get(30, TimeUnit.SECONDS);
            Object next = shared.run(TARGET, backend -> (Object) backend);
            assertThat(next).isNotSameAs(stuck);
            assertThat(opened).hasSize(2);
            Object again = shared.run(TARGET, backend -> (Object) backend);
            assertThat(again).isSameAs(next);
        } finally {
            worker.shutdownNow();
            shared.close();
        }
    }

    private static final class NullBackend implements Backend {
        @Override
        public char[] read(KeychainItem item) {
            return new char[0];
        }

        @Override
        public void write(KeychainItem item, char[] value) {
        }

        @Override
        public boolean delete(KeychainItem item) {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
