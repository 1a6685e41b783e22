package dev.mcpsecrets.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command in a separate JVM on this test's class path (no packaged jar needed), with a given
 * environment and stdin, so that several really concurrent processes can be run from a unit test.
 */
record JvmRun(Process process, Path out, Path err) {
    static JvmRun start(Path work, Map<String, String> env, String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Entry.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path in = Files.writeString(Files.createTempFile(work, "stdin", ".txt"), stdin, StandardCharsets.UTF_8);
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        pb.redirectInput(in.toFile());
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        return new JvmRun(pb.start(), out, err);
    }

    ProcessRun finish() throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not finish in 120 s");
        }
        return new ProcessRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
