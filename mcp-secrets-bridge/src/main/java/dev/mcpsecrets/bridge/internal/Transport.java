package dev.mcpsecrets.bridge.internal;

import java.io.IOException;

/** One of the two ways to reach the remote server, after the first {@code initialize} chose it. */
interface Transport {
    /**
     * Delivers one client message and, for Streamable HTTP, relays what the server answers to it.
     *
     * @throws IOException when it could not be delivered or the answer broke off
     */
    void deliver(byte[] message, JsonRpc.ClientMessage inspected) throws IOException, InterruptedException;

    /** Whether requests may be delivered on threads of their own (each has its own HTTP response). */
    boolean concurrentRequests();

    /** Ends the remote session, as far as the server lets a client; never throws. */
    void close();
}
