package io.auditcover.api;

import io.auditcover.engine.Rejection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Any answer that is not a success, in the API's one error shape: {@code {"error": code, "message": text,
 * "details": {...}}} with its HTTP status. Codes are stable snake_case; business rejections keep the
 * engine's code.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient Map<String, String> details;

    ApiException(int status, String code, String message, Map<String, String> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = new TreeMap<>(details);
    }

    static ApiException of(Rejection rejection) {
        return new ApiException(HttpStatuses.of(rejection.code()), rejection.code().wire(), rejection.message(), rejection.details());
    }

    static ApiException malformed(String message) {
        return new ApiException(400, "malformed_request", message, Map.of());
    }

    static ApiException malformed(String field, String message) {
        return new ApiException(400, "malformed_request", message, Map.of("field", field));
    }

    static ApiException unauthenticated(String message) {
        return new ApiException(401, "unauthenticated", message, Map.of());
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, Map.of());
    }

    static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", what + " " + id + " does not exist", Map.of("resource", what));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> details() {
        return details;
    }
}
