package dev.uniworld.gateway.validation;

import static dev.uniworld.events.ReasonCode.IMAGE_CHECKSUM_MISMATCH;
import static dev.uniworld.events.ReasonCode.IMAGE_DIMENSIONS;
import static dev.uniworld.events.ReasonCode.IMAGE_TOO_LARGE;
import static dev.uniworld.events.ReasonCode.IMAGE_UNDECODABLE;
import static dev.uniworld.events.ReasonCode.MISSING_IMAGE;
import static dev.uniworld.events.ReasonCode.PARAMETER_OUT_OF_RANGE;
import static dev.uniworld.events.ReasonCode.URI_NOT_ALLOWED;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.uniworld.events.ImageRef;
import dev.uniworld.images.EncodedImages;

/** Checks one {@link ImageRef}: inline bytes by their header, URIs by scheme and root. */
final class ImageRefValidator {

    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private final ValidationLimits limits;

    ImageRefValidator(ValidationLimits limits) {
        this.limits = limits;
    }

    Optional<Rejection> validate(String field, ImageRef ref) {
        boolean inline = ref.getInline() != null;
        boolean byUri = ref.getUri() != null;
        if (!inline && !byUri) {
            return reject(MISSING_IMAGE, field, "neither inline bytes nor a uri is set");
        }
        if (inline && byUri) {
            return reject(PARAMETER_OUT_OF_RANGE, field, "set exactly one of inline and uri, not both");
        }
        return inline ? validateInline(field, ref) : validateUri(field + ".uri", ref.getUri());
    }

    private Optional<Rejection> validateInline(String field, ImageRef ref) {
        ByteBuffer buffer = ref.getInline().duplicate();
        if (buffer.remaining() > limits.maxInlineImageBytes()) {
            return reject(IMAGE_TOO_LARGE, field + ".inline", "is " + buffer.remaining()
                    + " bytes, the inline limit is "
                    + limits.maxInlineImageBytes() + "; send larger images by uri");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Optional<EncodedImages.Header> header = EncodedImages.read(bytes);
        if (header.isEmpty() || !FORMATS.contains(header.get().format())) {
            return reject(IMAGE_UNDECODABLE, field + ".inline", "is not a readable PNG or JPEG file");
        }
        EncodedImages.Header h = header.get();
        if (h.width() > limits.maxImageSide() || h.height() > limits.maxImageSide()) {
            return reject(IMAGE_DIMENSIONS, field + ".inline", "is " + h.width() + "x" + h.height()
                    + ", the largest side allowed is " + limits.maxImageSide());
        }
        if ((ref.getWidth() != 0 && ref.getWidth() != h.width())
                || (ref.getHeight() != 0 && ref.getHeight() != h.height())) {
            return reject(IMAGE_DIMENSIONS, field + ".width", "states " + ref.getWidth() + "x" + ref.getHeight()
                    + " but the image is " + h.width() + "x" + h.height());
        }
        if (ref.getSha256() != null && !ref.getSha256().equalsIgnoreCase(EncodedImages.sha256Hex(bytes))) {
            return reject(IMAGE_CHECKSUM_MISMATCH, field + ".sha256", "does not match the inline bytes");
        }
        return Optional.empty();
    }

    private Optional<Rejection> validateUri(String field, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return reject(URI_NOT_ALLOWED, field, "is not a valid URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!limits.allowedUriSchemes().contains(scheme)) {
            return reject(URI_NOT_ALLOWED, field, "scheme '" + scheme + "' is not allowed; allowed: "
                    + limits.allowedUriSchemes());
        }
        if ("file".equals(scheme)) {
            try {
                Path.of(uri); // what the pipeline reads: a query, fragment, host, NUL or relative path names no file
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                return reject(URI_NOT_ALLOWED, field, "names no file (" + e.getMessage() + ")");
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
        if (path.contains("/../") || path.endsWith("/..") || path.startsWith("../") || rawPath.contains("%2e%2e")
                || rawPath.contains("%2f")) {
            return reject(URI_NOT_ALLOWED, field, "must not climb out of its directory ('..' segments)");
        }
        if (!limits.underAllowedRoot(uri.normalize())) {
            return reject(URI_NOT_ALLOWED, field, "is outside the allowed roots " + limits.allowedUriRoots());
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(dev.uniworld.events.ReasonCode reason, String field, String message) {
        return Optional.of(Rejection.of(reason, field, message));
    }
}
