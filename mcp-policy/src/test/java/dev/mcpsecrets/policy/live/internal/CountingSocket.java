package dev.mcpsecrets.policy.live.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listening socket that counts the connections made to it and closes each at once, or (silent)
 * keeps each open without ever answering, like a host that swallows packets.
 */
final class CountingSocket implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private final boolean silent;
    private final java.util.List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    CountingSocket(InetAddress bind) throws IOException {
        this(bind, false);
    }

    CountingSocket(InetAddress bind, boolean silent) throws IOException {
        this.silent = silent;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, 0));
        acceptor = new Thread(this::acceptLoop, "counting-socket");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                if (silent) {
                    held.add(s);
                } else {
                    s.close();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
