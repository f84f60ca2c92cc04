package io.auditcover.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own answers (requests it refuses before any route runs: bad paths, bad headers, bodies too
 * large) in the API's one error shape instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Route.Reply.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code,
            String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Route.Reply.JSON);
        response.getOutputStream().write(body(code, message));
    }

    private static byte[] body(int status, String reason) {
        String code = status == 413 ? "body_too_large" : status == 431 ? "headers_too_large" : status >= 500 ? "internal_error"
                : status == 404 ? "route_not_found" : "malformed_request";
        var node = Json.object().put("error", code).put("message", reason == null || reason.isEmpty() ? "the request was refused"
                : reason.length() > 100 ? reason.substring(0, 100) : reason);
        node.putObject("details");
        return Json.bytes(node);
    }
}
