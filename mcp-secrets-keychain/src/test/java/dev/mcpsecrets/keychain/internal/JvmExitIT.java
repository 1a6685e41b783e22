package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.keychain.testing.KeyringDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that used the real keychain exits once {@code Secrets} is closed. */
class JvmExitIT {
    @Test
    void programThatClosesSecretsExitsAsSoonAsMainReturns() throws Exception {
        KeyringDaemon daemon = RealKeyring.daemon();
        daemon.secretToolStore("exit-test", "u", "exit-value");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ResolveAndExit.class.getName(), "keychain:exit-test/u").redirectErrorStream(true);
        builder.environment().put(SessionBus.ADDRESS_VARIABLE, daemon.address());

        long start = System.nanoTime();
        Process child = builder.start();
        boolean exited = child.waitFor(20, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!exited) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("exited within 20 s (took %d ms); output: %s", millis, output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output.strip().lines().reduce((a, b) -> b)).contains("10");
        assertThat(output).doesNotContain("exit-value");
    }
}
