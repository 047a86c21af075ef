package dev.uniworld.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.ReasonCode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
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
    void readsAgainAfterAFailedReadAndGivesUpAfterThreeTries() throws Exception {
        String file = Files.write(tmp.resolve("in.png"), new byte[] {7}).toUri().toString();
        AtomicInteger reads = new AtomicInteger();
        byte[] bytes = ImageFiles.read(file, 100, path -> {
            if (reads.incrementAndGet() < 3) {
                throw new IOException("Stale file handle");
            }
            return Files.readAllBytes(path);
        });
        assertArrayEquals(new byte[] {7}, bytes);
        assertEquals(3, reads.get());

        reads.set(0);
        ImageFiles.UnreadableImageException e = assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read(file, 100, path -> {
                    reads.incrementAndGet();
                    throw new IOException("Input/output error");
                }));
        assertEquals(ReasonCode.IMAGE_UNREADABLE, e.reason());
        assertTrue(e.getMessage().contains("3 tries") && e.getMessage().contains("Input/output error"), e.getMessage());
        assertEquals(3, reads.get());
    }

    @Test
    void namesWhatCannotBeRead() throws Exception {
        assertEquals(ReasonCode.URI_NOT_ALLOWED, assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read("https://example.com/a.png", 100)).reason());
        ImageFiles.UnreadableImageException missing = assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read(tmp.resolve("absent.png").toUri().toString(), 100));
        assertEquals(ReasonCode.IMAGE_NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().contains("absent.png does not exist"), missing.getMessage());
        AtomicInteger reads = new AtomicInteger();
        ImageFiles.FileReader counting = path -> {
            reads.incrementAndGet();
            return Files.readAllBytes(path);
        };
        assertEquals(ReasonCode.IMAGE_UNREADABLE, assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read(tmp.toUri().toString(), 1_000_000, counting)).reason(), "a folder");
        assertEquals(0, reads.get(), "a folder is not read, let alone three times");
        String locked = Files.write(tmp.resolve("locked.png"), new byte[] {1}).toUri().toString();
        assertEquals(ReasonCode.IMAGE_UNREADABLE, assertThrows(ImageFiles.UnreadableImageException.class,
                () -> ImageFiles.read(locked, 100, path -> {
                    reads.incrementAndGet();
                    throw new AccessDeniedException(path.toString());
                })).reason());
        assertEquals(1, reads.get(), "a file it may not read is read once");
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
