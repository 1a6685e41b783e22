package dev.mcpsecrets.policy.engine.internal;

/** Describes a throwable by type and origin only: messages of third-party code may hold secrets. */
public final class Throwables {
    private Throwables() {
    }

    /**
     * Type and the first stack frames of a throwable and its causes, without any message.
     *
     * @param e the throwable
     * @return e.g. {@code java.lang.IllegalStateException at x.Y.run(Y.java:12)}
     */
    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth++ < 4) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getName());
            StackTraceElement[] trace = t.getStackTrace();
            if (trace.length > 0) {
                sb.append(" at ").append(trace[0]);
            }
            t = t.getCause();
        }
        return sb.toString();
    }
}
