package dev.mcpsecrets.spring.internal;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;

/**
 * Stands in for Spring Boot's bind failure analysis when the value that failed to bind is a resolved
 * secret: Spring Boot's own report prints the value ({@code Value: "..."}) and the conversion error
 * repeats it. This one names the property, its type and the kind of error, never the value. Runs
 * before Spring Boot's analyzers and leaves every other bind failure to them.
 */
public final class ResolvedValueBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException>
        implements Ordered {
    /** Created by Spring Boot. */
    public ResolvedValueBindFailureAnalyzer() {
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        if (property == null || property.getSource() == null
                || !(property.getSource().getUnderlyingSource() instanceof PropertySource<?> source)
                || !ResolvedSecretPropertySources.isResolvedSource(source)) {
            return null;
        }
        Throwable reason = cause.getCause() != null ? cause.getCause() : cause;
        String description = "Failed to bind the resolved secret of property '" + property.getName() + "' to "
                + cause.getTarget().getType() + " (" + reason.getClass().getSimpleName()
                + "; the value and the converter's message are not shown because they contain the secret).";
        String action = "Check that the secret the property's secret: reference names holds a valid "
                + cause.getTarget().getType() + ", or bind the property to a String.";
        // the cause is not attached: its message repeats the value
        return new FailureAnalysis(description, action, null);
    }
}
