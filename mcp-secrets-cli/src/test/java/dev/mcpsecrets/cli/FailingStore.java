package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Lets {@code allowed} puts through, then fails: a store that breaks part-way. */
class FailingStore implements MigrationStore {
    private final MigrationStore store;
    private final int allowed;
    private final AtomicInteger puts;

    FailingStore(MigrationStore store, int allowed, AtomicInteger puts) {
        this.store = store;
        this.allowed = allowed;
        this.puts = puts;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public String reference(String server, String variable) {
        return store.reference(server, variable);
    }

    @Override
    public boolean exists(String server, String variable) throws SecretException, IOException {
        return store.exists(server, variable);
    }

    @Override
    public void put(String server, String variable, Secret value) throws SecretException, IOException {
        if (puts.incrementAndGet() > allowed) {
            throw new IOException("injected failure");
        }
        store.put(server, variable, value);
    }

    @Override
    public void remove(String server, String variable) throws SecretException, IOException {
        store.remove(server, variable);
    }
}
