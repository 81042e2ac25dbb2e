package dev.cowscope.monitor;

import dev.cowscope.format.StatusLine;
import java.io.IOException;

/** Where live status samples come from: the kernel ({@link LiveSnapshot}) or a recorded log played back. */
public interface StatusSource {
    /**
     * The status now.
     *
     * @throws IOException when it cannot be read any more (the device is gone)
     */
    StatusLine poll() throws IOException;
}
