package dev.mcpsecrets.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ResolvedValueSanitizerTest {

    @Property(tries = 300)
    void everyValueThatContainsAResolvedSecretIsHidden(@ForAll @StringLength(min = 1, max = 64) String secret,
            @ForAll @StringLength(max = 16) String before, @ForAll @StringLength(max = 16) String after,
            @ForAll boolean fromEnvironmentVariable) {
        ResolvedValueSanitizer sanitizer = sanitizerHolding(secret, fromEnvironmentVariable);
        MapPropertySource elsewhere = new MapPropertySource("applicationConfig", Map.of());
        SanitizableData shown = sanitizer.apply(new SanitizableData(elsewhere, "derived", before + secret + after));
        assertThat(shown.getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
        // configprops passes values without a source
        assertThat(sanitizer.apply(new SanitizableData(null, "token", secret)).getValue())
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
    }

    @Property(tries = 300)
    void everyEntryOfTheResolvedSourcesIsHiddenWhateverItsValue(@ForAll @StringLength(min = 1, max = 64) String secret,
            @ForAll String shownValue) {
        StandardEnvironment environment = new StandardEnvironment();
        MapPropertySource resolved = new MapPropertySource(ResolvedSecretPropertySources.NAME, Map.of("k", secret));
        environment.getPropertySources().addFirst(resolved);
        SanitizableData data = new ResolvedValueSanitizer(environment)
                .apply(new SanitizableData(resolved, "k", shownValue));
        assertThat(data.getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
    }

    @Property(tries = 300)
    void valuesWithoutAnyResolvedSecretStayVisible(@ForAll @StringLength(min = 1, max = 64) String secret,
            @ForAll String other) {
        Assume.that(!other.contains(secret));
        ResolvedValueSanitizer sanitizer = sanitizerHolding(secret, false);
        MapPropertySource elsewhere = new MapPropertySource("applicationConfig", Map.of());
        assertThat(sanitizer.apply(new SanitizableData(elsewhere, "other", other)).getValue()).isEqualTo(other);
    }

    private static ResolvedValueSanitizer sanitizerHolding(String secret, boolean fromEnvironmentVariable) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(fromEnvironmentVariable
                ? new SystemEnvironmentPropertySource(ResolvedSecretPropertySources.SYSTEM_ENVIRONMENT_NAME,
                        Map.of("GITHUB_TOKEN", secret))
                : new MapPropertySource(ResolvedSecretPropertySources.NAME, Map.of("github.token", secret)));
        return new ResolvedValueSanitizer(environment);
    }
}
