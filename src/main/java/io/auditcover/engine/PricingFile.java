package io.auditcover.engine;

import io.auditcover.pricing.PricingParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pricing parameters as a JSON file: the bundled default (calibrated on the exploit data, shipped as a resource so the
 * engine prices without running {@code calibrate}) and files {@code calibrate} writes.
 */
public final class PricingFile {
    static final String RESOURCE = "/io/auditcover/pricing/parameters.json";
    private static final PricingParameters BUNDLED = load();

    private PricingFile() {
    }

    /** The parameters shipped with this build. */
    public static PricingParameters bundled() {
        return BUNDLED;
    }

    public static PricingParameters read(Path file) throws IOException {
        return Codec.JSON.readValue(Files.readAllBytes(file), PricingParameters.class);
    }

    public static PricingParameters parse(byte[] json) throws IOException {
        return Codec.JSON.readValue(json, PricingParameters.class);
    }

    /** Pretty, sorted JSON: a stable file to review and commit. */
    public static String toJson(PricingParameters parameters) {
        try {
            return Codec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(parameters) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PricingParameters load() {
        try (InputStream in = PricingFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled pricing parameters " + RESOURCE + " are missing");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled pricing parameters", e);
        }
    }
}
