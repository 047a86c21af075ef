package dev.uniworld.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;


import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.Task;
import dev.uniworld.images.EncodedImages;

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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read: " + e.getMessage(), true);
        }
        EncodedImages.Header header = EncodedImages.read(bytes)
                .orElseThrow(() -> new BadInputException(file + " is not a PNG or JPEG image", false));
        if (!header.format().equals("png") && !header.format().equals("jpeg")) {
            throw new BadInputException(file + " is a " + header.format() + " image; use PNG or JPEG", false);
        }
        return ImageRef.newBuilder().setInline(ByteBuffer.wrap(bytes))
                .setMediaType(header.format().equals("png") ? "image/png" : "image/jpeg")
                .setWidth(header.width()).setHeight(header.height())
                .setSha256(EncodedImages.sha256Hex(bytes))
                .build();
    }
}
