package io.auditcover.cli;

import io.auditcover.engine.PricingFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes docs/pricing.md from the parameters (bundled by default) with worked examples priced by the engine. */
@Command(name = "pricing-doc", mixinStandardHelpOptions = true, description = "Generate the pricing documentation from the live parameters.")
final class PricingDocCommand implements Callable<Integer> {
    @Option(names = "--out", description = "File to write (default: print to standard output).")
    Path out;

    @Option(names = "--parameters", description = "Parameter file (default: the bundled one).")
    Path parameters;

    @Override
    public Integer call() throws IOException {
        String doc = PricingDoc.render(parameters != null ? PricingFile.read(parameters) : PricingFile.bundled());
        if (out == null) {
            System.out.print(doc);
        } else {
            Files.writeString(out, doc, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
