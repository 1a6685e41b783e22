package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionBusTest {
    @Test
    void addressComesFromTheGivenEnvironment() {
        assertThat(SessionBus.address(Map.of(SessionBus.ADDRESS_VARIABLE, " unix:path=/run/user/1/bus ")))
                .contains("unix:path=/run/user/1/bus");
    }

    @Test
    void blankAddressIsNoBus() {
        assertThat(SessionBus.address(Map.of(SessionBus.ADDRESS_VARIABLE, " "))).isEqualTo(
                SessionBus.address(Map.of()));
    }

    @Test
    void missingSocketFileIsAProblem(@TempDir Path dir) {
        assertThat(SessionBus.problem("unix:path=" + dir.resolve("bus") + ",guid=1234"))
                .hasValueSatisfying(p -> assertThat(p).contains(dir.resolve("bus").toString()).contains("does not exist"));
    }

    @Test
    void existingSocketFileAndOtherTransportsAreNotJudged(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("bus"));
        assertThat(SessionBus.problem("unix:path=" + dir.resolve("bus"))).isEmpty();
        assertThat(SessionBus.problem("unix:abstract=/tmp/dbus-x")).isEmpty();
        assertThat(SessionBus.problem("tcp:host=localhost,port=1")).isEmpty();
    }

    @Test
    void platformsAreRecognised() {
        assertThat(Platform.of("Mac OS X")).isEqualTo(Platform.MACOS);
        assertThat(Platform.of("Windows 11")).isEqualTo(Platform.WINDOWS);
        assertThat(Platform.of("Linux")).isEqualTo(Platform.SECRET_SERVICE);
        assertThat(Platform.of("FreeBSD")).isEqualTo(Platform.SECRET_SERVICE);
        assertThat(Platform.of("z/OS")).isEqualTo(Platform.UNSUPPORTED);
    }
}
