/**
 * The shared vocabulary of outcomes: one enum of every stable code a refusal or a claim's decision carries, so that the
 * domain rules, the engine, the API and the console all speak the same codes.
 */
package io.auditcover.reason;
