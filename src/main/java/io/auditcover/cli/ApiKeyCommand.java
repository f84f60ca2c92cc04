package io.auditcover.cli;

import io.auditcover.access.AccessStore;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** API keys of operators and auditors: create (the key is printed once), revoke, list. */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Create, revoke or list API keys (operators', or auditors' read-only).",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.Revoke.class, ApiKeyCommand.ListKeys.class})
final class ApiKeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; it is printed once and stored only hashed.")
    static final class Create implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "NAME", description = "A name for the key, 1-64 of [a-z0-9._-].")
        String name;

        @picocli.CommandLine.Option(names = "--role", defaultValue = "operator", description = "operator (default) or auditor: an auditor's"
                + " key reads what staff and operators read (the claims register, the ledger, the log) and writes nothing.")
        String role;

        @Override
        public Integer call() {
            var keyRole = switch (role) {
                case "operator" -> io.auditcover.access.Role.OPERATOR;
                case "auditor" -> io.auditcover.access.Role.AUDITOR;
                default -> null;
            };
            if (keyRole == null) {
                System.err.println("apikey: --role is operator or auditor, not " + role);
                return 2;
            }
            try (var store = dataDirectory.openAccess()) {
                System.out.println(store.createKey(name, keyRole, Instant.now()));
                System.err.println("apikey: created " + role + " key " + name + "; send it as 'Authorization: Bearer <key>'. It is not shown again.");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("apikey: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by name; it stops working at once.")
    static final class Revoke implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (var store = dataDirectory.openAccess()) {
                boolean revoked = store.revokeKey(name, Instant.now());
                System.err.println(revoked ? "apikey: revoked " + name : "apikey: no live key named " + name);
                return revoked ? 0 : 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (names and dates, never secrets).")
    static final class ListKeys implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Override
        public Integer call() {
            try (var store = dataDirectory.openAccess()) {
                store.keys().forEach(key -> System.out.printf("%-24s %-8s created %s%s%n", key.name(),
                        key.role().name().toLowerCase(java.util.Locale.ROOT), key.createdAt(), key.revokedAt().map(at -> ", revoked " + at).orElse("")));
                return 0;
            }
        }
    }
}
