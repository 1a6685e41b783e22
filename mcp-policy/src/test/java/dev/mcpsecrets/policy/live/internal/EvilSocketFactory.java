package dev.mcpsecrets.policy.live.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * A socket factory a hostile config names in {@code socketFactory}: it counts how often a driver
 * instantiates it. The probe must never let that happen.
 */
public final class EvilSocketFactory extends SocketFactory {
    static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Counts the instantiation. */
    public EvilSocketFactory() {
        INSTANCES.incrementAndGet();
    }

    /**
     * The constructor pgjdbc prefers when {@code socketFactoryArg} is set.
     *
     * @param arg ignored
     */
    public EvilSocketFactory(String arg) {
        this();
    }

    @Override
    public Socket createSocket() throws IOException {
        return new Socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return new Socket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return new Socket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return new Socket(address, port, localAddress, localPort);
    }
}
