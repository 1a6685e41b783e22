package dev.mcpsecrets.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.aws.testing.FakeSecretsManager;
import dev.mcpsecrets.tck.CapturedLogs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh fake and provider per test; afterwards no text the test collected, and no log line, holds a
 * planted value or the test's secret access key.
 */
abstract class AgainstFake {
    /** The fake, fresh for each test. */
    FakeSecretsManager fake;
    /** The provider, fresh for each test. */
    AwsSecretsManagerProvider provider;
    /** Messages, origins and other texts a test saw; checked for leaks afterwards. */
    final List<String> texts = new ArrayList<>();

    /**
     * The value planted in the fake that must never show up in a text.
     *
     * @return the value
     */
    abstract String planted();

    @BeforeEach
    void startFakeAndProvider() {
        fake = Fakes.start();
        provider = new AwsSecretsManagerProvider();
        CapturedLogs.clear();
    }

    @AfterEach
    void stopAndCheckForLeaks() {
        provider.close();
        fake.close();
        texts.addAll(CapturedLogs.lines());
        for (String text : texts) {
            assertThat(text).doesNotContain(planted()).doesNotContain(Fakes.SECRET_ACCESS_KEY);
        }
    }
}
