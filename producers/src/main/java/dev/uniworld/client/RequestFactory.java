package dev.uniworld.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.Task;

/** Builds requests from files: images travel inline with their media type, size (from the header) and SHA-256. */
public final class RequestFactory {

    /** An input file that is missing or is not a PNG/JPEG image. */
    public static final class BadInputException extends RuntimeException {
        private final boolean missing;

        BadInputException(String message, boolean missing) {
            super(message);
            this.missing = missing;
        }

        /** True when the file does not exist or cannot be read; false when it is not an image. */
        public boolean missing() {
            return missing;
        }
    }

    private RequestFactory() {
    }

    public static GenerationRequest request(String requestId, Task task, String prompt, List<Path> images,
                                            GenerationParameters parameters, String batchId, Integer batchSize) {
        List<ImageRef> refs = new ArrayList<>();
        for (Path image : images) {
            refs.add(inlineImage(image));
        }
        return GenerationRequest.newBuilder().setRequestId(requestId == null ? UUID.randomUUID().toString() : requestId)
                .setBatchId(batchId).setBatchSize(batchSize).setTask(task).setPrompt(prompt).setImages(refs)
                .setParameters(parameters).setSubmittedAt(Instant.now()).build();
    }

    public static ImageRef inlineImage(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException("image file " + file + " does not exist or is not readable", true);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new BadInputException(file + " is not a PNG or JPEG image", false);
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                    if (!format.equals("png") && !format.equals("jpeg")) {
                        throw new BadInputException(file + " is a " + format + " image; use PNG or JPEG", false);
                    }
                    return ImageRef.newBuilder().setInline(ByteBuffer.wrap(bytes))
                            .setMediaType(format.equals("png") ? "image/png" : "image/jpeg")
                            .setWidth(reader.getWidth(0)).setHeight(reader.getHeight(0))
                            .setSha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                            .build();
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read as an image: " + e.getMessage(), false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
