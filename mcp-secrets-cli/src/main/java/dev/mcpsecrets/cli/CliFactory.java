package dev.mcpsecrets.cli;

import java.util.Map;
import picocli.CommandLine;

/** Creates command objects, handing the environment to those that need it. */
final class CliFactory implements CommandLine.IFactory {
    private final Map<String, String> environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CliFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        K instance = fallback.create(type);
        if (instance instanceof EnvironmentAware aware) {
            aware.setEnvironment(environment);
        }
        return instance;
    }

    /** Commands that read environment variables get them through this, so tests can supply their own. */
    interface EnvironmentAware {
        void setEnvironment(Map<String, String> environment);
    }
}
