package dev.cowscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.format.CowImage;
import dev.cowscope.format.CowReader;
import dev.cowscope.format.Location;
import dev.cowscope.format.ParseOptions;
import dev.cowscope.format.Place;
import dev.cowscope.format.Progress;
import dev.cowscope.format.Rates;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.StatusLine;
import dev.cowscope.format.Units;
import dev.cowscope.testkit.CowImageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every text the two faces share one parser for (counts, rates, latencies, the table chunk size,
 * locations, kernel status lines): a value or a clear refusal, never another exception; a location
 * that parses always has an answer in a real image; a status line that parses prints back as read.
 */
class TypedValuesFuzzTest {
    private static CowImage image;

    @FuzzTest
    void typedValues(FuzzedDataProvider data) throws Exception {
        CowImage cow = image();
        String text = data.consumeRemainingAsString();
        refusedOrValue(() -> Units.parseCount(text));
        refusedOrValue(() -> Rates.parseThroughput(text));
        refusedOrValue(() -> Rates.parseLatencyMillis(text));
        refusedOrValue(() -> ParseOptions.parseTableChunkSize(text));
        Location.parse(text).ifPresent(at -> assertThat(Place.locate(cow, at).description()).isNotBlank());
        SnapshotStatus.parseParams(text).ifPresent(s -> assertThat(SnapshotStatus.parseParams(s.params())).contains(s));
        StatusLine.parse(text).ifPresent(line -> assertThat(StatusLine.parse(line.toString())).contains(line));
    }

    private static void refusedOrValue(Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static synchronized CowImage image() throws Exception {
        if (image == null) {
            Path file = Files.createTempFile("fuzz-place", ".img");
            file.toFile().deleteOnExit();
            CowImageBuilder.cow().exceptions(0, 300).exception(7, 2).writeTo(file);
            image = CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE);
        }
        return image;
    }
}
