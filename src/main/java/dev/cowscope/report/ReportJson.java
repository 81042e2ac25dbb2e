package dev.cowscope.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;

/** The one JSON configuration every report uses (CLI output and GUI export alike). */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ReportJson() {
        throw new AssertionError("no instances");
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code report} as indented JSON followed by a newline; leaves {@code out} open. */
    public static void write(Object report, OutputStream out) throws IOException {
        MAPPER.writeValue(out, report);
        out.write('\n');
        out.flush();
    }

    /** A generator writing indented JSON to {@code out} as it is produced (reports too large to hold); leaves {@code out} open. */
    public static com.fasterxml.jackson.core.JsonGenerator streamTo(java.io.Writer out) throws IOException {
        return MAPPER.getFactory().createGenerator(out).useDefaultPrettyPrinter();
    }

    public static String toJson(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("report records always serialise", e);
        }
    }
}
