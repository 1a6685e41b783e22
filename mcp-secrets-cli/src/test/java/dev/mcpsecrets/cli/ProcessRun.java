package dev.mcpsecrets.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a separate process with a controlled environment and captures its output. */
record ProcessRun(int exitCode, String out, String err) {
    static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LAUNCHER = REPO_ROOT.resolve("bin/mcp-secrets");

    static ProcessRun of(List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(extraEnv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path outFile = java.nio.file.Files.createTempFile("cli-out", ".txt");
        Path errFile = java.nio.file.Files.createTempFile("cli-err", ".txt");
        pb.redirectOutput(outFile.toFile());
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("command did not finish in 60 s: " + command);
        }
        String out = java.nio.file.Files.readString(outFile, StandardCharsets.UTF_8);
        String err = java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8);
        java.nio.file.Files.delete(outFile);
        java.nio.file.Files.delete(errFile);
        return new ProcessRun(p.exitValue(), out, err);
    }
}
