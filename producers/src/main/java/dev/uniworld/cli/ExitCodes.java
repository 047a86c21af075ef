package dev.uniworld.cli;

/** Exit codes of the {@code uniworld} command line; each names a problem a person can act on. */
public final class ExitCodes {

    public static final int OK = 0;
    /** At least one request ended FAILED or was rejected. */
    public static final int REQUEST_FAILED = 1;
    /** Bad flags or arguments (picocli's own usage code). */
    public static final int USAGE = 2;
    /** A port the local stack needs is taken. */
    public static final int PORT_IN_USE = 3;
    /** An input file or folder does not exist or cannot be read. */
    public static final int FILE_NOT_FOUND = 4;
    /** An input file is not a readable PNG or JPEG image. */
    public static final int UNREADABLE_IMAGE = 5;
    /** No Kafka broker answered at the configured address. */
    public static final int BROKER_UNREACHABLE = 6;
    /** The Schema Registry could not be reached or refused the call. */
    public static final int REGISTRY_UNREACHABLE = 7;
    /** Results did not arrive within the timeout. */
    public static final int TIMEOUT = 8;
    /** No request or batch with that id is known. */
    public static final int NOT_FOUND = 9;
    /** The gateway's status endpoint could not be reached. */
    public static final int STATUS_UNREACHABLE = 10;
    /** The model checkpoint cannot be loaded (the message names the file and the reason). */
    public static final int MODEL_UNLOADABLE = 11;
    /** Anything else (a bug): the message says what; --verbose shows the stack trace. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
