package dev.mcpsecrets.cli;

import java.util.Map;

/**
 * Base of the commands that read the environment they are given (the process's, or a test's own)
 * and print through picocli's streams ({@code spec}).
 */
abstract class EnvironmentCommand implements CliFactory.EnvironmentAware {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Map<String, String> environment = System.getenv();

    @Override
    public void setEnvironment(Map<String, String> environment) {
        this.environment = environment;
    }
}
