package dev.mcpsecrets.dotenv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchPathTest {
    private static ResolveContext ctx(Profile profile, Map<String, String> env) {
        return ResolveContext.of(profile, Duration.ofSeconds(5), env);
    }

    @Test
    void explicitDirectoriesComeFirstThenWorkingDirectoryThenTheTwoSecretsDirectories() {
        Path cwd = Paths.get(System.getProperty("user.dir")).toAbsolutePath().normalize();
        String dirs = "/srv/a" + File.pathSeparator + " /srv/b " + File.pathSeparator + File.pathSeparator + cwd;
        assertThat(SearchPath.directories(ctx(Profile.DEVELOPMENT, Map.of("HOME", "/home/u", SearchPath.DIR_VARIABLE, dirs))))
                .containsExactly(
                        new SearchPath.Directory(Paths.get("/srv/a"), false),
                        new SearchPath.Directory(Paths.get("/srv/b"), false),
                        new SearchPath.Directory(cwd, false),
                        new SearchPath.Directory(Paths.get("/home/u/.config/mcp-secrets"), true),
                        new SearchPath.Directory(Paths.get("/home/u/.claude/secrets"), true));
    }

    @Test
    void systemPropertyOverridesTheVariable() {
        String before = System.getProperty(SearchPath.DIR_PROPERTY);
        System.setProperty(SearchPath.DIR_PROPERTY, "/from/property");
        try {
            assertThat(SearchPath.directories(ctx(Profile.DEVELOPMENT, Map.of(SearchPath.DIR_VARIABLE, "/from/env"))))
                    .first().isEqualTo(new SearchPath.Directory(Paths.get("/from/property"), false));
        } finally {
            if (before == null) {
                System.clearProperty(SearchPath.DIR_PROPERTY);
            } else {
                System.setProperty(SearchPath.DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void profileFileComesBeforePlainFile() {
        assertThat(SearchPath.fileNames(ctx(Profile.of("prod"), Map.of()))).containsExactly(".env.production", ".env");
        assertThat(SearchPath.fileNames(ctx(Profile.of("stg"), Map.of()))).containsExactly(".env.staging", ".env");
    }

    @Test
    void homeFallsBackOnUserHomeWhenTheContextHasNone() {
        Path home = Paths.get(System.getProperty("user.home")).toAbsolutePath().normalize();
        assertThat(SearchPath.directories(ctx(Profile.DEVELOPMENT, Map.of())))
                .contains(new SearchPath.Directory(home.resolve(".config/mcp-secrets"), true));
    }
}
