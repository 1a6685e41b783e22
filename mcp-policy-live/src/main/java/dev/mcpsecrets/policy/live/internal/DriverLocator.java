package dev.mcpsecrets.policy.live.internal;

import java.sql.Driver;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds a JDBC driver by class name among the {@code java.sql.Driver} services of a class loader
 * (or module layer), without going through {@code DriverManager}: the probe must use exactly the
 * driver it chose, with the URL and properties it built. The drivers are optional dependencies.
 */
final class DriverLocator {
    private DriverLocator() {
    }

    static Optional<Driver> find(ClassLoader loader, Dialect dialect) {
        Iterator<ServiceLoader.Provider<Driver>> it = ServiceLoader.load(Driver.class, loader).stream().iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return Optional.empty();
                }
                ServiceLoader.Provider<Driver> p = it.next();
                if (p.type().getName().equals(dialect.driverClass())) {
                    return Optional.of(p.get());
                }
            } catch (ServiceConfigurationError e) {
                // another broken driver must not hide the one we need: keep looking
                continue;
            }
        }
    }
}
