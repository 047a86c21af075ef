package dev.uniworld.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.uniworld.events.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path tmp;

    @Test
    void readsFileUris() throws Exception {
        Path file = Files.write(tmp.resolve("in.png"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, ImageFiles.read(file.toUri().toString(), 100));
    }

    @Test
    void namesWhatCannotBeRead() throws Exception {
        assertEquals(ReasonCode.URI_NOT_ALLOWED, assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read("https://example.com/a.png", 100)).reason());
        assertEquals(ReasonCode.IMAGE_UNDECODABLE, assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read(tmp.resolve("absent.png").toUri().toString(), 100)).reason());
        String file = Files.write(tmp.resolve("in.png"), new byte[] {1}).toUri().toString();
        for (String noFile : new String[] {file + "?x", file + "#f", file.replace("in.png", "in%00.png"), "file:in.png",
                file.replace("file:///", "file://host/")}) {
            assertEquals(ReasonCode.URI_NOT_ALLOWED, assertThrows(ImageFiles.UnreadableImageException.class,
                    () -> ImageFiles.read(noFile, 100), noFile).reason(), noFile);
        }
        Path big = Files.write(tmp.resolve("big.png"), new byte[200]);
        assertEquals(ReasonCode.IMAGE_TOO_LARGE, assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read(big.toUri().toString(), 100)).reason());
    }
}
