package dev.cowscope.cli;

import dev.cowscope.report.Product;
import picocli.CommandLine;

/** {@code --version}: the product's name, version and tagline. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {Product.NAME + " " + Product.version(), Product.TAGLINE};
    }
}
