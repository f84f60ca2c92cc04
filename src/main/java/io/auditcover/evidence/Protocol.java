package io.auditcover.evidence;

/** A DeFi protocol the insurer may list for cover. The category drives pricing (lending, dex, bridge, ...). */
public record Protocol(String id, String name, String category) {
    public Protocol {
        Identifiers.requireId(id, "protocol id");
        if (!Identifiers.isName(name)) {
            throw new IllegalArgumentException("protocol name must be 1-" + Identifiers.NAME_LENGTH_MAX + " characters");
        }
        Identifiers.requireId(category, "protocol category");
    }
}
