package dev.mcpsecrets.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A {@link PatternLayout} whose every line — message, MDC values, exception messages and stack traces,
 * thread and logger names — is masked by the installed {@link dev.mcpsecrets.api.SecretMasker}.
 *
 * @since 0.2.0
 */
public class MaskingPatternLayout extends PatternLayout {
    /** Made by Logback from the configuration. */
    public MaskingPatternLayout() {
        super();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return LogbackMasking.mask(getContext(), super.doLayout(event));
    }
}
