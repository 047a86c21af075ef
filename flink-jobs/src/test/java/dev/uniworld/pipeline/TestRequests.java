package dev.uniworld.pipeline;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.Task;
import dev.uniworld.model.image.ImageCodec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Requests of every family with small rendered inputs, as a client would send them. */
final class TestRequests {

    private static final Color[] COLOURS = {Color.RED, Color.BLUE, Color.GREEN, Color.YELLOW};
    private static final Task[] MIX = {Task.UNDERSTAND, Task.GENERATE, Task.EDIT, Task.PERCEIVE, Task.UNDERSTAND,
        Task.GENERATE, Task.EDIT, Task.PERCEIVE, Task.AUTO};

    private TestRequests() {
    }

    /** {@code n} requests cycling through the four families and AUTO; every third image request asks for 32x48. */
    static List<GenerationRequest> mixed(String prefix, int n) {
        List<GenerationRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Task task = MIX[i % MIX.length];
            boolean odd = i % 3 == 0;
            out.add(request(prefix + "-" + i, task, promptFor(task), task == Task.GENERATE ? List.of()
                    : List.of(png(i)), odd ? 32 : null, odd ? 48 : null));
        }
        return out;
    }

    static GenerationRequest request(String id, Task task, String prompt, List<byte[]> images, Integer width,
            Integer height) {
        List<ImageRef> refs = images.stream().map(b -> ImageRef.newBuilder().setInline(ByteBuffer.wrap(b))
                .setWidth(64).setHeight(64).build()).toList();
        return GenerationRequest.newBuilder().setRequestId(id).setTask(task).setPrompt(prompt).setImages(refs)
                .setParameters(GenerationParameters.newBuilder().setWidth(width).setHeight(height).build())
                .setSubmittedAt(Instant.now()).build();
    }

    static String promptFor(Task task) {
        return switch (task) {
            case UNDERSTAND -> "how many shapes are there ?";
            case GENERATE -> "a red circle left of a blue square";
            case EDIT -> "make the red circle blue";
            case PERCEIVE -> "draw the edge map";
            default -> "what colour is the circle ?";
        };
    }

    /** A 64x64 PNG: a plain background with a coloured disc and square. */
    static byte[] png(int seed) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 64);
        g.setColor(COLOURS[seed % COLOURS.length]);
        g.fillOval(6 + seed % 10, 10, 20, 20);
        g.setColor(COLOURS[(seed + 1) % COLOURS.length]);
        g.fillRect(36, 30 + seed % 8, 18, 18);
        g.dispose();
        return ImageCodec.encodePng(image);
    }
}
