package io.auditcover.engine;

/**
 * A log record or snapshot in a format this build does not read: the JSON of before the binary format (migrate it with
 * {@code auditcover log migrate}), a newer format version, a record with more fields than this build knows, or bytes that
 * do not decode. The message names the type and the versions; the command line reports it in one line.
 */
public final class LogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogFormatException(String message) {
        super(message);
    }
}
