package dev.uniworld.deploy.demo;

import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.StageTiming;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the demo's results: {@code images/<id>.input.png} and {@code images/<id>.output.png}, {@code answers.tsv}
 * (id, task, prompt, answer, expected) and {@code index.html}, a table with input, instruction and output side by side.
 */
public final class DemoGallery {

    private DemoGallery() {
    }

    public static Path write(Path dir, String requestPrefix, List<DemoItem> items,
            Map<String, GenerationResult> results) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        StringBuilder rows = new StringBuilder();
        StringBuilder answers = new StringBuilder("id\ttask\tprompt\tanswer\texpected\n");
        for (DemoItem item : items) {
            GenerationResult result = results.get(requestPrefix + item.id());
            String input = "";
            if (item.image() != null) {
                Files.write(images.resolve(item.id() + ".input.png"), item.image());
                input = "<img src=\"images/" + item.id() + ".input.png\">";
            }
            String output;
            if (result.getImage() != null) {
                Files.write(images.resolve(item.id() + ".output.png"), bytes(result.getImage().getInline()));
                output = "<img src=\"images/" + item.id() + ".output.png\">";
            } else if (result.getAnswer() != null) {
                output = "<p class=\"answer\">" + html(result.getAnswer()) + "</p>";
                answers.append(String.join("\t", item.id(), result.getTask().name(), item.prompt(),
                        result.getAnswer(), item.expected() == null ? "" : item.expected())).append('\n');
            } else {
                output = "<p class=\"error\">" + html(String.valueOf(result.getError())) + "</p>";
            }
            rows.append("<tr><td>").append(html(item.id())).append("<br><small>").append(item.task())
                    .append(item.task() == result.getTask() ? "" : " &rarr; " + result.getTask())
                    .append("</small></td><td>").append(input).append("</td><td>").append(html(item.prompt()))
                    .append(item.expected() == null ? "" : "<br><small>ground truth: " + html(item.expected())
                            + "</small>")
                    .append("</td><td>").append(output).append("</td><td><small>").append(timings(result))
                    .append("</small></td></tr>\n");
        }
        Files.writeString(dir.resolve("answers.tsv"), answers, StandardCharsets.UTF_8);
        Path index = dir.resolve("index.html");
        Files.writeString(index, page(rows.toString(), results.values().iterator().next()), StandardCharsets.UTF_8);
        return index;
    }

    private static String page(String rows, GenerationResult any) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>UniWorld Stream demo</title><style>"
                + "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:6px;vertical-align:top}"
                + "img{width:128px;height:128px;image-rendering:pixelated}.answer{font-size:1.3em}"
                + ".error{color:#b00}</style></head><body><h1>UniWorld Stream demo</h1>"
                + "<p>Model " + html(any.getModelId()) + " version " + html(any.getModelVersion()) + "</p>"
                + "<table><tr><th>request</th><th>input</th><th>instruction</th><th>output</th><th>stages</th></tr>\n"
                + rows + "</table></body></html>\n";
    }

    private static String timings(GenerationResult result) {
        return result.getStages().stream().map(DemoGallery::timing).collect(Collectors.joining("<br>"));
    }

    private static String timing(StageTiming t) {
        return t.getStage() + " " + t.getDevice() + " " + (t.getQueueMillis() + t.getComputeMillis()) + " ms (batch "
                + t.getBatchSize() + ")";
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
