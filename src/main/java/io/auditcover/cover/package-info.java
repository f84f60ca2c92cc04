/**
 * Cover: a policy on a listed protocol for an amount and a period, bought from one pool. Its
 * {@link io.auditcover.cover.CoverTerms} are frozen at purchase; its premium sits in the pool's
 * unearned-premium reserve and is earned day by day until the cover expires.
 * The {@link io.auditcover.cover.CoverBook} keeps every cover, with each protocol's indexed; {@link io.auditcover.cover.InsurableInterest}
 * decides whose wallet a purchase may insure.
 */
package io.auditcover.cover;
