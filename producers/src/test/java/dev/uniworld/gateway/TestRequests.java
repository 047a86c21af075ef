package dev.uniworld.gateway;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.Task;

/** Valid requests and images for gateway tests; each test breaks one field. */
final class TestRequests {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private TestRequests() {
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The PNG of a small image whose header states width x height: a reader of the header sees the stated size, while
     * a decoder would have to allocate for it (and then fail on the pixel data).
     */
    static byte[] pngStating(int width, int height) {
        byte[] png = png(8, 8);
        // signature (8 bytes), IHDR length (4), type (4), then width and height; the chunk's CRC covers type and data
        ByteBuffer.wrap(png).putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13);
        ByteBuffer.wrap(png).putInt(12 + 4 + 13, (int) crc.getValue());
        return png;
    }

    static ImageRef inline(byte[] bytes) {
        return ImageRef.newBuilder().setInline(ByteBuffer.wrap(bytes)).setMediaType("image/png").build();
    }

    static GenerationRequest.Builder edit(String id) {
        return GenerationRequest.newBuilder().setRequestId(id).setTask(Task.EDIT).setPrompt("make the circle blue")
                .setImages(List.of(inline(png(64, 64))))
                .setParameters(GenerationParameters.newBuilder().setSteps(8).setWidth(64).setHeight(64).build())
                .setSubmittedAt(NOW);
    }

    static GenerationRequest.Builder generate(String id) {
        return GenerationRequest.newBuilder().setRequestId(id).setTask(Task.GENERATE).setPrompt("a red circle")
                .setParameters(GenerationParameters.newBuilder().build()).setSubmittedAt(NOW);
    }
}
