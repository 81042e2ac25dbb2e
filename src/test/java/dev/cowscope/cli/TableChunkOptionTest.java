package dev.cowscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cowscope.format.ParseOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The table chunk size means the same typed in the window as given to --chunk-size. */
class TableChunkOptionTest {
    @Test
    void aTableChunkSizeIsASizeLikeEveryOther() {
        assertThat(ParseOptions.parseTableChunkSize("8s")).isEqualTo(8);
        assertThat(ParseOptions.parseTableChunkSize("4K")).isEqualTo(8);
        assertThat(ParseOptions.parseTableChunkSize("4096")).isEqualTo(8);
        assertThat(ParseOptions.parseTableChunkSize(" ")).isZero();
        assertThat(ParseOptions.parseTableChunkSize("auto")).isZero();
        assertThatThrownBy(() -> ParseOptions.parseTableChunkSize("0")).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> ParseOptions.parseTableChunkSize("8")).hasMessageContaining("8 sectors is 8s");
    }

    @Test
    void theCommandLineSaysWhatTheEngineSays() {
        StringWriter err = new StringWriter();
        int code = Cli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "inspect", "--sample", "--chunk-size", "8");
        assertThat(code).isEqualTo(2);
        String engine = catchMessage(() -> ParseOptions.parseTableChunkSize("8"));
        assertThat(err.toString()).contains("--chunk-size: " + engine);
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
            throw new AssertionError("no error");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
