package dev.uniworld.model.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * PNG/JPEG in and out. Dimensions are read from the header (an {@link ImageReader} without decoding pixels) and images
 * over the pixel limit are refused before decoding, so a small file declaring a huge image cannot exhaust memory.
 * Model inputs are [3, S, S] floats in [-1, 1], channel-major.
 */
public final class ImageCodec {

    private final long maxPixels;

    /** @param maxPixels largest width x height accepted */
    public ImageCodec(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be > 0");
        }
        this.maxPixels = maxPixels;
    }

    /** Width and height from the header only. */
    public static ImageSize probe(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(in);
            try {
                reader.setInput(in, true, true);
                return new ImageSize(reader.getWidth(0), reader.getHeight(0), reader.getFormatName());
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable image header: " + e.getMessage(), e);
        }
    }

    /** Decodes after checking the header's size against the limit. */
    public BufferedImage decode(byte[] encoded) {
        ImageSize size = probe(encoded);
        if ((long) size.width() * size.height() > maxPixels) {
            throw new ImageTooLargeException(size.width(), size.height(), maxPixels);
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            if (image == null) {
                throw new IllegalArgumentException("no decoder for " + size.format());
            }
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt " + size.format() + " image: " + e.getMessage(), e);
        }
    }

    /** Decode, resize to side x side (bilinear) and normalize: [3, side, side] in [-1, 1]. */
    public float[] toModelInput(byte[] encoded, int side) {
        return toModelInput(decode(encoded), side);
    }

    /** Resize to side x side (bilinear) and normalize: [3, side, side] in [-1, 1]. */
    public static float[] toModelInput(BufferedImage image, int side) {
        BufferedImage resized = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, side, side, null);
        g.dispose();
        float[] chw = new float[3 * side * side];
        int plane = side * side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = resized.getRGB(x, y);
                int i = y * side + x;
                chw[i] = ((rgb >> 16) & 0xFF) / 127.5f - 1f;
                chw[plane + i] = ((rgb >> 8) & 0xFF) / 127.5f - 1f;
                chw[2 * plane + i] = (rgb & 0xFF) / 127.5f - 1f;
            }
        }
        return chw;
    }

    /** [3, height, width] in [-1, 1] (values outside are clamped) -> PNG bytes. */
    public static byte[] encodePng(float[] chw, int height, int width) {
        return encodePng(toImage(chw, height, width));
    }

    /** An image -> PNG bytes. */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** [3, height, width] in [-1, 1] (values outside are clamped) -> an RGB image; the inverse of toModelInput. */
    public static BufferedImage toImage(float[] chw, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                image.setRGB(x, y, (toByte(chw[i]) << 16) | (toByte(chw[plane + i]) << 8) | toByte(chw[2 * plane + i]));
            }
        }
        return image;
    }

    private static int toByte(float value) {
        return Math.round((Math.max(-1f, Math.min(1f, value)) + 1f) * 127.5f);
    }

    private static ImageReader readerFor(ImageInputStream in) {
        if (in == null) {
            throw new IllegalArgumentException("not an image stream");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IllegalArgumentException("unsupported image format (PNG and JPEG are)");
        }
        return readers.next();
    }
}
