package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.image.ImageSize;
import dev.uniworld.model.image.ImageTooLargeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    /** A PNG that is only a signature and an IHDR chunk: its pixels could never be decoded. */
    private static byte[] headerOnlyPng(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    @Test
    void refusesAnOversizeImageFromItsHeaderBeforeDecoding() {
        byte[] huge = headerOnlyPng(50_000, 50_000);
        assertEquals(new ImageSize(50_000, 50_000, "png"), ImageCodec.probe(huge));
        // decoding would fail differently (no pixel data): the size check must come first
        assertThrows(ImageTooLargeException.class, () -> new ImageCodec(4096L * 4096).decode(huge));
    }

    @Test
    void roundTripsThroughPngAndNormalizesToMinusOneOne() {
        int side = 8;
        float[] chw = new float[3 * side * side];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 3) - 1f; // -1, 0, 1
        }
        byte[] png = ImageCodec.encodePng(chw, side, side);
        assertEquals(new ImageSize(side, side, "png"), ImageCodec.probe(png));
        float[] back = new ImageCodec(1024).toModelInput(png, side);
        for (int i = 0; i < chw.length; i++) {
            assertEquals(chw[i], back[i], 1.0 / 127.5 + 1e-6);
        }
    }

    @Test
    void rejectsBytesThatAreNoImage() {
        assertThrows(IllegalArgumentException.class, () -> ImageCodec.probe(new byte[] {1, 2, 3, 4}));
    }
}
