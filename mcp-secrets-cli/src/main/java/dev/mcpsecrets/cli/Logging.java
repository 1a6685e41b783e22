package dev.mcpsecrets.cli;

/**
 * Configures slf4j-simple before the first logger exists: warnings and errors on stderr by default,
 * everything from INFO (including audit events) with {@code --verbose}. Never stdout.
 */
final class Logging {
    private Logging() {
    }

    static void configure(String[] args) {
        boolean verbose = false;
        for (String a : args) {
            if ("--".equals(a)) {
                break;
            }
            if ("--verbose".equals(a) || "-v".equals(a)) {
                verbose = true;
            }
        }
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
