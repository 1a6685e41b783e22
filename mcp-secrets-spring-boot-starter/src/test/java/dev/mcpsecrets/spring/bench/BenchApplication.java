package dev.mcpsecrets.spring.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application {@link StarterStartupBenchmark} starts in a fresh JVM: ten {@code bench.key*}
 * properties (given as arguments, references or plain values), auto-configuration as in a real
 * application, no web server. Prints one line:
 * {@code BENCH <run ms> <JVM uptime ms> <process CPU ms> <main thread CPU ms of run>}; the CPU times
 * are the figures that hold up on a machine busy with other work.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchApplication {
    /** Created by Spring. */
    public BenchApplication() {
    }

    /**
     * Starts, reads the ten properties, prints the timings, stops.
     *
     * @param args Spring Boot arguments with the ten properties
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(BenchApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args)) {
            long elapsed = System.nanoTime() - start;
            long mainCpu = threads.getCurrentThreadCpuTime() - startCpu;
            int length = 0;
            for (int i = 0; i < StarterStartupBenchmark.REFERENCES; i++) {
                length += ctx.getEnvironment().getRequiredProperty("bench.key" + i).length();
            }
            if (length == 0) {
                throw new IllegalStateException("no property was set");
            }
            // the benchmark's own report channel: this main is a measuring tool, not library code
            long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            System.out.println("BENCH " + elapsed / 1_000_000.0 + " " + ManagementFactory.getRuntimeMXBean().getUptime()
                    + " " + cpuNanos / 1_000_000.0 + " " + mainCpu / 1_000_000.0);
        }
    }
}
