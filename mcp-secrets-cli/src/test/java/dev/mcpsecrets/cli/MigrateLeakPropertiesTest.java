package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.cli.LeakConfigs.Dialect;
import dev.mcpsecrets.cli.LeakConfigs.Malformation;
import dev.mcpsecrets.cli.LeakConfigs.Slot;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Planted values in every position of a config, well formed or broken, through {@code migrate --dry-run} and a
 * real migration into the sandbox's dotenv store: the value reaches no output, log or error, whatever happens
 * to it (moved, left alone, refused).
 */
class MigrateLeakPropertiesTest {
    @Provide
    Arbitrary<Planted> planted() {
        return LeakGenerators.planted();
    }

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void migrateNeverShowsAValue(@ForAll("planted") Planted planted, @ForAll Dialect dialect, @ForAll Slot slot,
            @ForAll Malformation malformation, @ForAll boolean dryRun) {
        try (LeakSandbox box = LeakSandbox.create()) {
            Path config = box.write(dialect.path, LeakConfigs.text(dialect, slot, malformation, planted, "srv", "npx"));
            LeakSandbox.Outcome trust = box.run("trust", config.toString());
            LeakAssertions.assertNoLeak(planted, trust, "trust");
            LeakSandbox.Outcome migrate = box.run("migrate", "--store", "dotenv", dryRun ? "--dry-run" : "--yes",
                    "--launcher", box.stub.toString(), config.toString());
            String where = dialect + " " + slot + " " + malformation + (dryRun ? " dry run" : "");
            LeakAssertions.assertNoLeak(planted, migrate, where);
            assertThat(migrate.exitCode()).as(migrate.all()).isBetween(0, 2);
            assertThat(migrate.all()).doesNotContain("internal error");
        }
    }
}
