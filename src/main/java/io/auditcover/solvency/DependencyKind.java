package io.auditcover.solvency;

/** What protocols can share that makes their exploits fail together. */
public enum DependencyKind {
    /** The codebase a protocol forked: a bug in the parent is a bug in every fork. */
    FORK,
    /** The price oracle it reads: a manipulated or failed feed hits every reader. */
    ORACLE,
    /** The chain it runs on. */
    CHAIN,
    /** The bridge its assets cross. */
    BRIDGE,
    /** The auditor whose review it relies on: a blind spot repeats. */
    AUDITOR
}
