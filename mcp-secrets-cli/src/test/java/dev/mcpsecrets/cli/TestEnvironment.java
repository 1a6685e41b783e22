package dev.mcpsecrets.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment the in-process command tests give the command: a temporary home, this PATH, and extras. */
final class TestEnvironment {
    private TestEnvironment() {
    }

    static Map<String, String> of(Path tmp, String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", tmp == null ? "/nonexistent" : tmp.resolve("home").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
