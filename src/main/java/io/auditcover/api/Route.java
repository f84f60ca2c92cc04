package io.auditcover.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.access.Principal;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * One route: method and path, who may call it, and what the OpenAPI document says of it (summary, query
 * parameters, request and response schemas by component name).
 */
record Route(
        HandlerType method, String path, Authorization.Rule rule, Authorization.Owner owner, String tag, String summary,
        List<String> queryParameters, String requestSchema, int status, String responseSchema, Action action) {

    Route {
        queryParameters = List.copyOf(queryParameters);
    }

    /** What a route does once the caller may call it. */
    interface Action {
        Reply handle(Call call);
    }

    /** A request as the handler sees it: Javalin's context, the caller, and the view it reads. */
    record Call(Context context, Principal principal, ReadView view) {
        String path(String name) {
            return context.pathParam(name);
        }

        String query(String name) {
            String value = context.queryParam(name);
            if (value != null && value.length() > Limits.QUERY_VALUE_LENGTH_MAX) {
                throw ApiException.malformed(name, name + " must be at most " + Limits.QUERY_VALUE_LENGTH_MAX + " characters");
            }
            return value;
        }

        String requiredQuery(String name) {
            String value = query(name);
            if (value == null || value.isEmpty()) {
                throw ApiException.malformed(name, "query parameter " + name + " is required");
            }
            return value;
        }

        int limit() {
            String value = query("limit");
            if (value == null) {
                return Limits.PAGE_SIZE_DEFAULT;
            }
            if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > Limits.PAGE_SIZE_MAX) {
                throw ApiException.malformed("limit", "limit must be 1 to " + Limits.PAGE_SIZE_MAX);
            }
            return Integer.parseInt(value);
        }

        long afterId() {
            String value = query("after");
            return value == null ? 0 : Authorization.id("after", value);
        }

        /** The body, read once and at most {@link Limits#REQUEST_BYTES_MAX} bytes of it, whatever the headers claim. */
        byte[] body() {
            try {
                byte[] bytes = context.req().getInputStream().readNBytes((int) Limits.REQUEST_BYTES_MAX + 1);
                if (bytes.length > Limits.REQUEST_BYTES_MAX) {
                    throw new ApiException(413, "body_too_large", "the body is larger than " + Limits.REQUEST_BYTES_MAX + " bytes",
                            java.util.Map.of("limit_bytes", Long.toString(Limits.REQUEST_BYTES_MAX)));
                }
                return bytes;
            } catch (java.io.IOException e) {
                throw ApiException.malformed("the body cannot be read");
            }
        }
    }

    /** A response: status, content type and bytes, and whether it answers a retry. */
    record Reply(int status, String contentType, byte[] body, boolean replayed) {
        static final String JSON = "application/json";

        static Reply json(int status, JsonNode node) {
            return new Reply(status, JSON, Json.bytes(node), false);
        }

        static Reply ok(JsonNode node) {
            return json(200, node);
        }
    }
}
