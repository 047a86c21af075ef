package dev.uniworld.schemas.registry;

/**
 * A registry call that failed: either the registry answered with an error (HTTP status and Confluent error code,
 * e.g. 404/40403 for an unknown schema id) or it could not be reached ({@link #UNREACHABLE}).
 */
public class SchemaRegistryException extends RuntimeException {

    /** Status used when no HTTP answer arrived (connection refused, timeout, TLS failure). */
    public static final int UNREACHABLE = -1;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int UNPROCESSABLE_ENTITY = 422;
    public static final int STORE_ERROR = 50001;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message + " (HTTP " + httpStatus + ", error code " + errorCode + ")", cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    public boolean isUnreachable() {
        return httpStatus == UNREACHABLE;
    }
}
