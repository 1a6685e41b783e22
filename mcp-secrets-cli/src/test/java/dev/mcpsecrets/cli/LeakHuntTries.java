package dev.mcpsecrets.cli;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Scales the tries of each leak-hunting property by the system property {@value #SCALE} (a factor,
 * default 1; e.g. {@code -Dleakhunt.scale=0.1} for a quick local run, {@code 5} for a long hunt). A
 * property keeps at least one try.
 */
final class LeakHuntTries implements AroundPropertyHook {
    static final String SCALE = "leakhunt.scale";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        double scale = scale();
        if (scale != 1.0) {
            context.attributes().tries().ifPresent(
                    tries -> context.attributes().setTries(Math.max(1, (int) Math.round(tries * scale))));
        }
        return property.execute();
    }

    static double scale() {
        String text = System.getProperty(SCALE, "1");
        try {
            double scale = Double.parseDouble(text);
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException(SCALE + " must be a positive number");
            }
            return scale;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SCALE + " must be a positive number", e);
        }
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        // outside jqwik's own hooks, so the change is in place before the tries are generated
        return -100;
    }
}
