/**
 * The command line: {@code demo} runs a scripted business, {@code verify} walks the log's hash chain,
 * {@code replay} rebuilds state from the log. Commands translate arguments into engine calls and print;
 * they hold no business rules.
 */
package io.auditcover.cli;
