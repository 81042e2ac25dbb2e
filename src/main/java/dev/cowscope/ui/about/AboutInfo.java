package dev.cowscope.ui.about;

import dev.cowscope.report.Product;
import java.util.List;

/** What Help ▸ About says: name, version (from the jar's manifest), licence, links, runtime. */
public record AboutInfo(String name, String version, String summary, String licence, List<Link> links, String runtime) {
    public static final String LICENCE = "Apache License 2.0 (Apache-2.0)";
    public static final String LICENCE_URL = "https://www.apache.org/licenses/LICENSE-2.0";

    public record Link(String text, String url) {
    }

    public AboutInfo {
        links = List.copyOf(links);
    }

    /** This build's facts. */
    public static AboutInfo current() {
        return new AboutInfo(Product.NAME, Product.version(), Product.SUMMARY,
                LICENCE,
                List.of(new Link("Licence text", LICENCE_URL),
                        new Link("dm-snapshot (kernel documentation)",
                                "https://docs.kernel.org/admin-guide/device-mapper/snapshot.html")),
                "Java " + System.getProperty("java.version", "?") + " · JavaFX " + System.getProperty("javafx.runtime.version", "?"));
    }
}
