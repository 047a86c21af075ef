package dev.uniworld.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uniworld.events.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One bundled demo request, a line of {@code demo/manifest.jsonl}.
 *
 * @param id       request id suffix and file name
 * @param task     the task family asked for (AUTO lets the task head choose)
 * @param category the ShapesWorld category it was drawn from
 * @param prompt   instruction or question
 * @param image    the input PNG, or null for text to image
 * @param expected the ShapesWorld ground-truth answer of an understanding question, or null
 */
public record DemoItem(String id, Task task, String category, String prompt, byte[] image, String expected) {

    private static final String ROOT = "/demo/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bundled batch, in manifest order. */
    public static List<DemoItem> bundled() {
        List<DemoItem> items = new ArrayList<>();
        try (InputStream in = resource("manifest.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    items.add(parse(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("demo manifest unreadable", e);
        }
        return items;
    }

    private static DemoItem parse(JsonNode node) throws IOException {
        byte[] image = null;
        if (!node.path("image").isNull()) {
            try (InputStream in = resource(node.get("image").asText())) {
                image = in.readAllBytes();
            }
        }
        return new DemoItem(node.get("id").asText(), Task.valueOf(node.get("task").asText()),
                node.get("category").asText(), node.get("prompt").asText(), image,
                node.path("expected").isNull() ? null : node.path("expected").asText());
    }

    private static InputStream resource(String name) {
        InputStream in = DemoItem.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalStateException("missing bundled demo resource " + ROOT + name);
        }
        return in;
    }
}
