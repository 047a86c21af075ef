package dev.uniworld.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.HexFormat;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Facts about an encoded image file, shared by the gateway's checks and the client's request building: format and
 * dimensions read from the header only (a 50000x50000 PNG is a few kilobytes on the wire and gigabytes once
 * decoded, so a size check must never decode pixels), and the SHA-256 that {@code ImageRef} carries.
 */
public final class EncodedImages {

    /** Format name and size of an encoded image. */
    public record Header(String format, int width, int height) {
    }

    private EncodedImages() {
    }

    /** The header of a PNG or JPEG, or empty when no reader recognises the bytes or the header is broken. */
    public static Optional<Header> read(byte[] encoded) {
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

    /** Lower-case hex SHA-256 of the encoded bytes, as {@code ImageRef.sha256} carries it. */
    public static String sha256Hex(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
