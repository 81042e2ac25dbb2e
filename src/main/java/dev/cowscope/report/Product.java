package dev.cowscope.report;

/** What the product says about itself, the same in {@code --version} and Help ▸ About. */
public final class Product {
    public static final String NAME = "CowScope";
    /** One line for {@code --version}. */
    public static final String TAGLINE = "Reads dm-snapshot persistent COW stores (disk version 1) offline.";
    /** A paragraph for the About dialog. */
    public static final String SUMMARY = "Reads Linux dm-snapshot COW devices offline (read-only), shows what the kernel "
            + "would see, and plans sizing, alignment and merges.";

    private Product() {
        throw new AssertionError("no instances");
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    public static String version() {
        String v = Product.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
