/**
 * Reinsurance of the pools: a pool's {@link io.auditcover.reinsurance.ExcessOfLoss} layer pays each incident's loss above
 * its retention up to its limit; priced as a treaty, it has an annual premium earned by the reinsurer day by day, an
 * aggregate limit per treaty year and reinstatements with their premium, and its
 * {@link io.auditcover.reinsurance.ReinsuranceTreaty} keeps what was recovered in each treaty year and what premium was
 * charged and paid. The claims settlement asks the treaty what an incident recovers; the solvency model applies the same
 * rules to simulated years.
 */
package io.auditcover.reinsurance;
