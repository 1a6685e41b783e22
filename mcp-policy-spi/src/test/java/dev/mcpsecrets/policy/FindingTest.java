package dev.mcpsecrets.policy;

import dev.mcpsecrets.policy.source.Location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FindingTest {
    private static final Path FILE = Path.of("/home/u/.cursor/mcp.json");

    private static Finding.Builder base() {
        return Finding.builder("MCP-FS-001", Severity.HIGH).title("t").message("m");
    }

    @Test
    void fingerprintIgnoresLineWhenPointerIsKnown() {
        Finding a = base().location(new Location(FILE, 3, 5, "/mcpServers/fs/args/2")).build();
        Finding b = base().location(new Location(FILE, 9, 1, "/mcpServers/fs/args/2")).message("other").build();
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).matches("[0-9a-f]{32}");
    }

    @Test
    void fingerprintDependsOnRuleFilePointerAndHint() {
        String ref = base().location(new Location(FILE, 3, 5, "/a")).build().fingerprint();
        assertThat(Finding.builder("MCP-FS-002", Severity.HIGH).title("t").message("m")
                .location(new Location(FILE, 3, 5, "/a")).build().fingerprint()).isNotEqualTo(ref);
        assertThat(base().location(new Location(Path.of("/x.json"), 3, 5, "/a")).build().fingerprint()).isNotEqualTo(ref);
        assertThat(base().location(new Location(FILE, 3, 5, "/b")).build().fingerprint()).isNotEqualTo(ref);
        assertThat(base().location(new Location(FILE, 3, 5, "/a")).fingerprintHint("h").build().fingerprint())
                .isNotEqualTo(ref);
    }

    @Test
    void withoutPointerTheLineCountsUnlessAHintIsGiven() {
        Path rc = Path.of("/home/u/.zshrc");
        assertThat(base().location(Location.of(rc, 1, 1)).build().fingerprint())
                .isNotEqualTo(base().location(Location.of(rc, 2, 1)).build().fingerprint());
        assertThat(base().location(Location.of(rc, 1, 1)).fingerprintHint("GITHUB_TOKEN").build().fingerprint())
                .isEqualTo(base().location(Location.of(rc, 7, 1)).fingerprintHint("GITHUB_TOKEN").build().fingerprint());
    }

    @Test
    void invalidPartsAreRejected() {
        assertThatThrownBy(() -> Finding.builder("mcp-fs-1", Severity.LOW)).hasMessageContaining("MCP-FS-001");
        assertThatThrownBy(() -> Finding.builder("MCP-FS-001", Severity.LOW).title("t").build())
                .hasMessageContaining("title and a message");
        assertThatThrownBy(() -> new Location(FILE, 0, 3, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Location(FILE, 1, 1, "no-slash")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severityOrderAndParsing() {
        assertThat(Severity.CRITICAL.isAtLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.LOW.isAtLeast(Severity.MEDIUM)).isFalse();
        assertThat(Severity.parse(" High ")).isEqualTo(Severity.HIGH);
        assertThatThrownBy(() -> Severity.parse("severe")).hasMessageContaining("info, low, medium, high or critical");
    }

    @Test
    void locationDisplay() {
        assertThat(new Location(FILE, 3, 7, "/a").display()).isEqualTo(FILE + ":3:7");
        assertThat(Location.of(FILE).display()).isEqualTo(FILE.toString());
        assertThat(Location.NONE.display()).isEqualTo("(no file)");
    }
}
