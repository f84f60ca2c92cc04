package io.auditcover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: domain packages import only the JDK and each other, and money is never a double. */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/io/auditcover");
    static final Set<String> DOMAIN = Set.of("money", "evidence", "pool", "pricing", "cover", "claims", "ledger", "solvency");
    static final Set<String> EXACT_MONEY = Set.of("money", "ledger", "cover", "claims");
    /**
     * The one outside library a domain package may import, and where: pricing is statistics, and distributions, special
     * functions and optimisers are what a statistics library does well and hand-written code gets wrong (README, Dependencies).
     */
    static final Map<String, String> LIBRARY_ALLOWED = Map.of("pricing", "org.hipparchus.");
    static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
    static final Pattern DOUBLE = Pattern.compile("\\b(double|float|Double|Float)\\b");

    @Test
    void domain_packages_import_only_the_jdk_and_other_domain_packages() throws IOException {
        var offences = new ArrayList<String>();
        for (String domainPackage : DOMAIN) {
            for (Path file : sources(domainPackage)) {
                var matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    String imported = matcher.group(2);
                    boolean jdk = imported.startsWith("java.");
                    boolean domain = DOMAIN.stream().anyMatch(p -> imported.startsWith("io.auditcover." + p + "."));
                    boolean allowed = LIBRARY_ALLOWED.containsKey(domainPackage) && imported.startsWith(LIBRARY_ALLOWED.get(domainPackage));
                    if (!jdk && !domain && !allowed) {
                        offences.add(MAIN.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    /** The engine reaches the chain, the HTTP edge, the command line and access only through ports it defines. */
    @Test
    void the_engine_uses_no_edge_package_by_import_or_by_full_name() throws IOException {
        var edge = Pattern.compile("\\bio\\.auditcover\\.(chain|api|cli|access|web)\\.");
        var offences = new ArrayList<String>();
        for (Path file : sources("engine")) {
            String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//.*", "");
            if (edge.matcher(code).find()) {
                offences.add(MAIN.relativize(file).toString());
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void money_ledger_cover_and_claims_never_use_floating_point() throws IOException {
        var offences = new ArrayList<String>();
        for (String exactPackage : EXACT_MONEY) {
            for (Path file : sources(exactPackage)) {
                String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//.*", "");
                if (DOUBLE.matcher(code).find()) {
                    offences.add(MAIN.relativize(file).toString());
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void every_package_defines_its_nouns_in_a_package_info() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            List<Path> missing = dirs.filter(Files::isDirectory).filter(dir -> !Files.exists(dir.resolve("package-info.java"))).toList();
            assertThat(missing).isEmpty();
        }
    }

    private static List<Path> sources(String domainPackage) throws IOException {
        Path dir = MAIN.resolve(domainPackage);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
