package dev.mcpsecrets.policy.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTargetsSelfTest {
    @TempDir
    Path root;

    private PolicyContext context(SelfDeclaration self) {
        FileSystemView view = FileSystemView.of(root.resolve("home"), root.resolve("home/app"),
                FileSystemView.OperatingSystem.LINUX, Map.of());
        return PolicyContext.builder().files(view).self(self).build();
    }

    @Test
    void declaredDatabasesAreProbeTargetsWithTheDeclaredUser() {
        SelfDeclaration self = SelfDeclaration.named("db-server").withReadOnly(true)
                .withDatabase("postgresql://db.internal:5433/app", "app_reader")
                .withDatabase("mariadb://reporter@127.0.0.1/shop", "");
        List<DatabaseTargets.Found> found = DatabaseTargets.find(context(self));
        assertThat(found).hasSize(2).allSatisfy(f -> assertThat(f.target()).isPresent());
        DatabaseTarget pg = found.get(0).target().orElseThrow();
        assertThat(pg.host()).isEqualTo("db.internal");
        assertThat(pg.port()).isEqualTo(5433);
        assertThat(pg.user()).contains("app_reader");
        assertThat(pg.declaredReadOnly()).isTrue();
        assertThat(pg.target().location().jsonPointer()).isEqualTo("/self/databases/0");
        assertThat(found.get(1).target().orElseThrow().user()).contains("reporter");
    }

    @Test
    void theDatabaseUrlSettingStillCountsBesideDeclaredDatabases() {
        SelfDeclaration self = SelfDeclaration.named("db-server")
                .withSettings(Map.of("database.url", "postgresql://app@db.internal/app"))
                .withDatabase("postgresql://db2.internal/other", "other_user");
        assertThat(DatabaseTargets.find(context(self))).extracting(f -> f.target().orElseThrow().host())
                .containsExactly("db.internal", "db2.internal");
    }
}
