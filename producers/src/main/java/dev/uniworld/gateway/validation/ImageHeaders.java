package dev.uniworld.gateway.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an encoded image's format and dimensions from its header only. A 50000x50000 PNG is a few kilobytes on the
 * wire and gigabytes once decoded, so the size check must never decode pixels.
 */
final class ImageHeaders {

    /** Format name and size of an encoded image. */
    record Header(String format, int width, int height) {
    }

    private ImageHeaders() {
    }

    /** The header of a PNG or JPEG, or empty when no reader recognises the bytes or the header is broken. */
    static Optional<Header> read(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new Header(reader.getFormatName().toLowerCase(java.util.Locale.ROOT),
                        reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
