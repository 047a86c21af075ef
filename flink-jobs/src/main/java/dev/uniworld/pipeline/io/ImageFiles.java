package dev.uniworld.pipeline.io;

import dev.uniworld.events.ReasonCode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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

    private ImageFiles() {
    }

    static byte[] read(String uri, long maxBytes) throws UnreadableImageException {
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
        Path path;
        try {
            path = Path.of(parsed);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            // a query, fragment, host, NUL or relative path: the gateway refuses these, a direct producer may not
            throw new UnreadableImageException(ReasonCode.URI_NOT_ALLOWED, "'" + uri + "' names no file ("
                    + e.getMessage() + ")");
        }
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new UnreadableImageException(ReasonCode.IMAGE_TOO_LARGE, path + " is " + size
                        + " bytes, more than " + maxBytes);
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UnreadableImageException(ReasonCode.IMAGE_UNDECODABLE, path + " does not exist");
        } catch (IOException e) {
            throw new UnreadableImageException(ReasonCode.IMAGE_UNDECODABLE, path + " cannot be read: "
                    + e.getMessage());
        }
    }
}
