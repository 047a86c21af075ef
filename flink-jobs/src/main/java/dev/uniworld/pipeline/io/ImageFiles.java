package dev.uniworld.pipeline.io;

import dev.uniworld.events.ReasonCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an image that travels by reference (claim check). The gateway has already checked the URI's scheme and
 * root; this reads {@code file:} URIs, the only kind the pipeline fetches, and names what went wrong otherwise.
 */
final class ImageFiles {

    /** A referenced image that cannot be read, with the reason code to report. */
    static final class UnreadableImageException extends Exception {
        private final ReasonCode reason;

        UnreadableImageException(ReasonCode reason, String message) {
            super(message);
            this.reason = reason;
        }

        ReasonCode reason() {
            return reason;
        }
    }

    /** Reads a file's bytes; {@link Files#readAllBytes} outside tests. */
    @FunctionalInterface
    interface FileReader {
        byte[] read(Path path) throws IOException;
    }

    /** Waits before the second and third reads of a file that could not be read: 0.35 s in all. */
    private static final List<Long> RETRY_DELAYS_MS = List.of(50L, 300L);

    private ImageFiles() {
    }

    /** Reads the file a URI names, retrying a failed read twice (see {@link #read(String, long, FileReader)}). */
    static byte[] read(String uri, long maxBytes) throws UnreadableImageException {
        return read(uri, maxBytes, Files::readAllBytes);
    }

    /**
     * A file that exists but cannot be read is tried again after {@link #RETRY_DELAYS_MS}, because on a network
     * volume a read can fail once and then succeed; a missing file, a folder and a file this process may not read are
     * reported at once, since waiting here holds up every request behind it. Each is a FAILED result, to be sent again
     * under a new request id once the file can be read (the gateway refuses the same id as a duplicate for a day).
     */
    static byte[] read(String uri, long maxBytes, FileReader reader) throws UnreadableImageException {
        Path path = path(uri);
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new UnreadableImageException(ReasonCode.IMAGE_UNREADABLE, path + " is not a file");
        }
        for (int attempt = 0; ; attempt++) {
            try {
                long size = Files.size(path);
                if (size > maxBytes) {
                    throw new UnreadableImageException(ReasonCode.IMAGE_TOO_LARGE, path + " is " + size
                            + " bytes, more than " + maxBytes);
                }
                return reader.read(path);
            } catch (NoSuchFileException e) {
                throw new UnreadableImageException(ReasonCode.IMAGE_NOT_FOUND, path + " does not exist on the "
                        + "pipeline's file system (is the image volume mounted at the same path as the producer's?)");
            } catch (AccessDeniedException e) {
                throw new UnreadableImageException(ReasonCode.IMAGE_UNREADABLE, path + " may not be read by the "
                        + "pipeline (" + e.getMessage() + ")");
            } catch (IOException e) {
                if (attempt == RETRY_DELAYS_MS.size()) {
                    throw new UnreadableImageException(ReasonCode.IMAGE_UNREADABLE, path + " cannot be read ("
                            + (attempt + 1) + " tries): " + e);
                }
                pause(RETRY_DELAYS_MS.get(attempt));
            }
        }
    }

    private static Path path(String uri) throws UnreadableImageException {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new UnreadableImageException(ReasonCode.URI_NOT_ALLOWED, "'" + uri + "' is not a valid URI");
        }
        if (!"file".equalsIgnoreCase(parsed.getScheme())) {
            throw new UnreadableImageException(ReasonCode.URI_NOT_ALLOWED, "scheme '" + parsed.getScheme()
                    + "' is not fetched by the pipeline; send the image inline or as a file: URI");
        }
        try {
            return Path.of(parsed);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            // a query, fragment, host, NUL or relative path: the gateway refuses these, a direct producer may not
            throw new UnreadableImageException(ReasonCode.URI_NOT_ALLOWED, "'" + uri + "' names no file ("
                    + e.getMessage() + ")");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // the task is being cancelled: no result for this request, it is read again from the checkpoint
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted between reads of an image"));
        }
    }
}
