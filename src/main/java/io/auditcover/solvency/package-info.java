/**
 * Solvency: can the pools pay a bad year? A {@link io.auditcover.solvency.CapitalModel} simulates years of exploits over the
 * book's {@link io.auditcover.solvency.Exposure}s (each listing's covers on a protocol, its annual exploit rate and the share
 * of cover an exploit pays), correlated through the dependencies protocols share ({@link io.auditcover.solvency.DependencyKind}:
 * fork parent, oracle, chain, bridge, auditor) by a Gaussian copula with one factor per dependency group, and reports per
 * pool and for the book the {@link io.auditcover.solvency.SolvencyFigures}: expected annual loss, VaR 99.5 % (the SCR), TVaR
 * 99 %, probability of ruin, exceedance curves, solvency ratio and the Nexus-style MCR, with capital allocated to listings
 * and dependency groups by co-TVaR. Pure and reproducible: one random stream per (seed, simulated year).
 *
 * <p>Stress testing asks the same question of named years instead of drawn ones. A
 * {@link io.auditcover.solvency.StressScenario} is a "what if" (a dependency group fails, a protocol is exploited, or several
 * such shocks together), each hit exposure paying the model's one-exploit loss per exploit, capped at its cover; a
 * {@link io.auditcover.solvency.StressedBook} applies scenarios to the book and gives a
 * {@link io.auditcover.solvency.StressResult} per scenario: each pool's and the book's
 * {@link io.auditcover.solvency.StressLoss} (gross, reinsurance recovery, net, capital after, survives, shortfall) in exact
 * units. {@link io.auditcover.solvency.StressScenarios} derives the standard set from the book's own largest groups.
 *
 * <p>A {@link io.auditcover.solvency.DependencyFit} is a kind's correlation ρ fitted from group-year exploit counts (the
 * members of one group exploited in the same year, beyond what independence expects), with its bootstrap interval and source.
 */
package io.auditcover.solvency;
