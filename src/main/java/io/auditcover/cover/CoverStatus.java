package io.auditcover.cover;

/** Where a cover is in its life. */
public enum CoverStatus {
    ACTIVE, EXPIRED
}
