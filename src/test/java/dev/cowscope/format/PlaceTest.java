package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cowscope.testkit.CowImageBuilder;
import dev.cowscope.testkit.Fixtures;
import dev.cowscope.testkit.ScenarioWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every location a finding or an entry prints leads back to that same place. */
class PlaceTest {
    @Test
    void everyEntryAndItsDataChunkInTheKernelImagesLeadBackToTheEntry() throws Exception {
        int entriesSeen = 0;
        for (Path scenario : Fixtures.scenarios()) {
            Path cow = scenario.resolve("cow-after.img.gz");
            if (!Files.exists(cow) || ScenarioWrites.store(Fixtures.manifest(scenario)).equals("N")) {
                continue;
            }
            ParseOptions options = ParseOptions.DEFAULT.withTableChunkSize(ScenarioWrites.chunkSizeSectors(Fixtures.manifest(scenario)));
            CowImage image = CowReader.read(cow, options, Progress.NONE);
            ExceptionTable table = image.exceptions();
            for (int i = 0; i < table.size(); i++) {
                Place entry = Place.locate(image, Location.parse(table.locationOf(i).toString()).orElseThrow());
                assertThat(entry.kind()).isEqualTo(Place.Kind.ENTRY);
                assertThat(entry.entry()).isEqualTo(i);
                assertThat(entry.description()).startsWith(table.locationOf(i) + ": old_chunk " + table.oldChunk(i) + " ");
                Place data = Place.locate(image, Location.parse("chunk " + table.newChunk(i)).orElseThrow());
                assertThat(data.kind()).isEqualTo(Place.Kind.DATA);
                assertThat(table.newChunk(data.entry())).isEqualTo(table.newChunk(i));
                entriesSeen++;
            }
            for (Finding f : image.findings()) {
                Place place = Place.locate(image, Location.parse(f.location().toString()).orElseThrow());
                assertThat(place.description()).startsWith(f.location().toString().replaceAll(" @.*", ""));
            }
        }
        assertThat(entriesSeen).isGreaterThan(1000);
    }

    @Test
    void headerMetadataFreePastTheEndAndTheDevice(@TempDir Path dir) throws Exception {
        CowImage image = CowReader.read(CowImageBuilder.cow().exceptions(0, 300).writeTo(dir.resolve("cow.img")),
                ParseOptions.DEFAULT, Progress.NONE);
        long lastChunk = image.deviceChunks() - 1;
        assertThat(kindAt(image, "header @0xc")).isEqualTo(Place.Kind.HEADER);
        assertThat(kindAt(image, "chunk 0")).isEqualTo(Place.Kind.HEADER);
        assertThat(kindAt(image, "area 1")).isEqualTo(Place.Kind.METADATA);
        assertThat(kindAt(image, "chunk 1")).isEqualTo(Place.Kind.METADATA);
        assertThat(kindAt(image, "chunk " + lastChunk)).isIn(Place.Kind.FREE, Place.Kind.METADATA);
        assertThat(kindAt(image, "chunk " + (lastChunk + 1))).isEqualTo(Place.Kind.NOTHING);
        assertThat(kindAt(image, "area 1 entry 999")).isEqualTo(Place.Kind.NOTHING);
        assertThat(kindAt(image, "device")).isEqualTo(Place.Kind.DEVICE);
        assertThat(Place.locate(image, Location.parse("area 0 entry 5").orElseThrow()).chunk()).isEqualTo(1);
    }

    @Property(tries = 300)
    void anyParsedLocationIsAnsweredNeverThrown(@ForAll long area, @ForAll long index, @ForAll long chunk) throws Exception {
        CowImage image = smallImage();
        for (String text : new String[] {"area " + Long.toUnsignedString(area) + " entry " + Long.toUnsignedString(index),
                "chunk " + Long.toUnsignedString(chunk), "area " + Long.toUnsignedString(area)}) {
            Location.parse(text).ifPresent(at -> assertThat(Place.locate(image, at).description()).isNotBlank());
        }
    }

    private static CowImage small;

    private static synchronized CowImage smallImage() throws Exception {
        if (small == null) {
            Path file = CowImageBuilder.cow().exceptions(0, 300).writeTo(Files.createTempFile("place", ".img"));
            file.toFile().deleteOnExit();
            small = CowReader.read(file, ParseOptions.DEFAULT, Progress.NONE);
        }
        return small;
    }

    private static Place.Kind kindAt(CowImage image, String location) {
        return Place.locate(image, Location.parse(location).orElseThrow()).kind();
    }
}
