package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Password hashing threads run below request threads: in a JVM started with the production options
 * file ({@code config/jvm.options}) a {@link LowPriorityThreads} thread has nice 19 and the others 0.
 */
class LowPriorityThreadsTest {

    @Test
    void threadsAreNamedAndOfTheLowestJavaPriority() {
        LowPriorityThreads threads = new LowPriorityThreads("password-hashing-");
        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });
        assertThat(first.getName()).isEqualTo("password-hashing-0");
        assertThat(second.getName()).isEqualTo("password-hashing-1");
        assertThat(first.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
        assertThat(first.isDaemon()).isFalse();
    }

    @Test
    void withTheProductionJvmOptionsTheyRunAtNiceNineteenAndNothingElseMoves() throws Exception {
        Path options = Path.of("config/jvm.options").toAbsolutePath();
        assertThat(options).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "@" + options, "-cp", System.getProperty("java.class.path"),
                NiceProbe.class.getName()).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ends").isTrue();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains("hashing nice=19", "request nice=0", "max-priority nice=0");
    }

    /** Run in a JVM of its own: prints the OS nice value of threads of three Java priorities. */
    public static final class NiceProbe {
        public static void main(String[] args) throws Exception {
            report("hashing", new LowPriorityThreads("probe-").newThread(NiceProbe::printNice));
            report("request", new Thread(NiceProbe::printNice));
            Thread max = new Thread(NiceProbe::printNice);
            max.setPriority(Thread.MAX_PRIORITY);
            report("max-priority", max);
        }

        private static void report(String label, Thread thread) throws InterruptedException {
            System.out.print(label + " ");
            thread.start();
            thread.join();
        }

        private static void printNice() {
            try {
                Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
                String stat = Files.readString(Path.of("/proc").resolve(self).resolve("stat"));
                // Fields after the command in parentheses; nice is field 19 of stat, index 16 here.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                System.out.println("nice=" + fields[16]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
