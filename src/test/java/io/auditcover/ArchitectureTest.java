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

/**
 * Dependencies point inward: domain packages import only the JDK and each other; the engine only the domain and the store; an
 * edge (HTTP, chain, access) never another edge, and only the command line wires them together. Money is never a double, and
 * no switch over commands or events hides a forgotten case behind a default branch.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/io/auditcover");
    static final Set<String> DOMAIN = Set.of("money", "evidence", "pool", "pricing", "cover", "claims", "ledger", "solvency", "reinsurance",
            "reason");
    /** Edges: each talks to one outside thing and to the engine and domain, never to another edge. */
    static final Set<String> EDGES = Set.of("api", "chain", "access");
    /**
     * The one arrow between edges: access is the HTTP edge's own who-may-do-what (sign-in, sessions, roles, API keys), kept in
     * its own package so the command line can manage keys and assessors without the server; only the API and the command
     * line use it.
     */
    static final Map<String, Set<String>> EDGE_ALLOWED = Map.of("api", Set.of("access"));
    static final Pattern PROJECT_REFERENCE = Pattern.compile("\\bio\\.auditcover\\.([a-z]+)\\.");
    static final Set<String> EXACT_MONEY = Set.of("money", "ledger", "cover", "claims", "reinsurance");
    /**
     * The outside libraries a domain package may import, and where: pricing is statistics, and distributions, special
     * functions and optimisers are what a statistics library does well and hand-written code gets wrong; the books that read
     * views share with the writer keep persistent maps, so publishing a view is a reference, not a copy (README, Dependencies).
     */
    static final Map<String, Set<String>> LIBRARY_ALLOWED = Map.of("pricing", Set.of("org.hipparchus.", "org.pcollections."),
            "evidence", Set.of("org.pcollections."), "pool", Set.of("org.pcollections."), "claims", Set.of("org.pcollections."),
            "solvency", Set.of("org.hipparchus.", "org.pcollections."));
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
                    boolean allowed = LIBRARY_ALLOWED.getOrDefault(domainPackage, Set.of()).stream().anyMatch(imported::startsWith);
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
    void the_engine_uses_only_the_domain_and_the_store() throws IOException {
        assertThat(foreignReferences("engine", p -> DOMAIN.contains(p) || p.equals("store"))).isEmpty();
    }

    @Test
    void the_store_uses_no_other_package() throws IOException {
        assertThat(foreignReferences("store", p -> false)).isEmpty();
    }

    @Test
    void no_edge_uses_another_edge_only_the_command_line_wires_them() throws IOException {
        var offences = new ArrayList<String>();
        for (String edge : EDGES) {
            Set<String> allowed = EDGE_ALLOWED.getOrDefault(edge, Set.of());
            offences.addAll(foreignReferences(edge, p -> !EDGES.contains(p) && !p.equals("cli") || allowed.contains(p)));
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void every_package_is_domain_engine_store_edge_or_the_command_line() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            var unknown = dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .filter(name -> !DOMAIN.contains(name) && !EDGES.contains(name) && !Set.of("engine", "store", "cli").contains(name)).toList();
            assertThat(unknown).as("a new package must say which arrows it may follow").isEmpty();
        }
    }

    /** Every switch that has a case for a command or an event names them all: a new one fails to compile instead of falling through. */
    @Test
    void no_switch_over_commands_or_events_has_a_default_branch() throws IOException {
        var names = new java.util.TreeSet<String>();
        for (Class<?> sealed : List.of(io.auditcover.engine.Command.class, io.auditcover.engine.Event.class)) {
            for (Class<?> permitted : sealed.getPermittedSubclasses()) {
                names.add(permitted.getSimpleName());
            }
        }
        var caseOfMessage = Pattern.compile("\\bcase\\s+(?:(?:Command|Event)\\.)?(" + String.join("|", names) + ")\\b");
        var offences = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//.*", "");
                for (String block : switchBlocks(code)) {
                    if (caseOfMessage.matcher(block).find() && Pattern.compile("\\bdefault\\s*(->|:)").matcher(block).find()) {
                        offences.add(MAIN.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    /** Each switch's body, with nested switches cut out (they are checked on their own). */
    static List<String> switchBlocks(String code) {
        var blocks = new ArrayList<String>();
        var matcher = Pattern.compile("\\bswitch\\s*\\(").matcher(code);
        while (matcher.find()) {
            int open = code.indexOf('{', matcher.end());
            if (open < 0) {
                break;
            }
            var body = new StringBuilder();
            int depth = 0;
            for (int i = open; i < code.length(); i++) {
                char c = code.charAt(i);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
                if (code.startsWith("switch", i) && i > open) {
                    int nested = code.indexOf('{', i);
                    int nestedDepth = 0;
                    for (int j = nested; j < code.length(); j++) {
                        nestedDepth += code.charAt(j) == '{' ? 1 : code.charAt(j) == '}' ? -1 : 0;
                        if (nestedDepth == 0) {
                            i = j;
                            break;
                        }
                    }
                    continue;
                }
                body.append(c);
            }
            blocks.add(body.toString());
        }
        return blocks;
    }

    /** Files of the package that name a project package (by import or by full name) the predicate does not allow. */
    private static List<String> foreignReferences(String packageName, java.util.function.Predicate<String> allowed) throws IOException {
        var offences = new ArrayList<String>();
        for (Path file : sources(packageName)) {
            String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//.*", "");
            var matcher = PROJECT_REFERENCE.matcher(code);
            while (matcher.find()) {
                String referenced = matcher.group(1);
                if (!referenced.equals(packageName) && !allowed.test(referenced)) {
                    offences.add(MAIN.relativize(file) + " names " + referenced);
                }
            }
        }
        return offences.stream().distinct().toList();
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
