/**
 * The HTTP edge: the REST API, its OpenAPI document and the web console, served by Javalin. It
 * translates and holds no business rules. {@link io.auditcover.api.Routes} is the table of every route
 * with its access rule; {@link io.auditcover.api.Authorization} is the one place that decides who may
 * call it; {@link io.auditcover.api.HttpStatuses} is the one place that maps rejection codes to HTTP.
 * Reads come from a {@link io.auditcover.api.ReadView} the engine's writer publishes after each batch,
 * never through the writer's queue; writes are engine commands whose id is the caller's
 * {@code Idempotency-Key}.
 */
package io.auditcover.api;
