package dev.mcpsecrets.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretMasker;
import dev.mcpsecrets.api.Secrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** An application configured by the logback.xml on the test class path logs a resolved value everywhere it can. */
class LogbackMaskingTest {
    private static final String PLANTED = "PLANTED-db-pa55/word+x";
    private static final Path LOGS = Path.of("target/masking-test");

    @Test
    void aResolvedValueInTheMessageTheExceptionAndTheMdcComesOutMasked() throws Exception {
        SecretMasker masker = SecretMasker.create();
        LogbackMasking.install(masker);
        Logger log = LoggerFactory.getLogger("app.Database");
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(BuiltInProviders.environment())
                .environment(Map.of("DB_PASSWORD", PLANTED)).masker(masker).build()) {
            Secret password = secrets.resolveAll(Map.of("DB_PASSWORD", "env:DB_PASSWORD")).get("DB_PASSWORD");
            String value = password.revealAsString();
            MDC.put("session", "user:" + value);
            try {
                log.info("connecting with password {}", value);
                log.error("connect failed", new IllegalStateException("authentication failed for " + value,
                        new IllegalArgumentException("jdbc:postgresql://db/app?password="
                                + URLEncoder.encode(value, StandardCharsets.UTF_8))));
            } finally {
                MDC.clear();
            }
            password.destroy();
            log.info("after destroy: {}", "PLANTED-no-longer-masked-" + value);
        }
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();

        String plain = Files.readString(LOGS.resolve("plain.log"));
        assertThat(plain).as("the control shows the value was logged").contains(PLANTED);
        for (String file : new String[] {"encoder.log", "converter.log"}) {
            String masked = Files.readString(LOGS.resolve(file));
            assertThat(masked).as(file)
                    .contains("connecting with password <redacted:DB_PASSWORD>")
                    .contains("session=user:<redacted:DB_PASSWORD>")
                    .contains("java.lang.IllegalStateException: authentication failed for <redacted:DB_PASSWORD>")
                    .contains("password=<redacted:DB_PASSWORD>")
                    .contains("at dev.mcpsecrets.logback.LogbackMaskingTest");
            // once the secret is destroyed its value is no longer known: masking follows the secret's lifetime
            assertThat(masked).as(file).contains("after destroy: PLANTED-no-longer-masked-" + PLANTED);
            assertThat(masked.replace("PLANTED-no-longer-masked-" + PLANTED, "")).as(file)
                    .doesNotContain(PLANTED)
                    .doesNotContain(URLEncoder.encode(PLANTED, StandardCharsets.UTF_8));
        }
    }
}
