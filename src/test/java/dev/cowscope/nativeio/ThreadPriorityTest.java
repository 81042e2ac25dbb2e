package dev.cowscope.nativeio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A background thread made nicer shows the new nice value in the kernel's own accounting of that thread only. */
class ThreadPriorityTest {
    @Test
    void lowersOnlyTheCallingThread() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux /proc");
        AtomicReference<long[]> seen = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                long before = nice();
                boolean lowered = LibC.lowerCurrentThreadPriority((int) Math.min(19, before + 7));
                seen.set(new long[] {before, nice(), lowered ? 1 : 0});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        worker.join();
        long[] s = seen.get();
        assertThat(s[2]).as("setpriority accepted").isEqualTo(1);
        assertThat(s[1]).isEqualTo(Math.min(19, s[0] + 7));
        assertThat(nice()).as("the calling test thread keeps its priority").isEqualTo(s[0]);
    }

    /** Field 19 of /proc/thread-self/stat (after the parenthesised command name). */
    private static long nice() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[16]);
    }
}
