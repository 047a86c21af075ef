package dev.uniworld.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A few calls of the Flink REST API, as the dashboard and monitoring tools make them. */
final class FlinkRest {

    private static final String CAUSED_BY = "Caused by: ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    FlinkRest(String base) {
        this.base = base;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Vertex id by vertex name (the operator names the job gives its stages). */
    Map<String, String> vertices(String jobId) throws IOException, InterruptedException {
        Map<String, String> byName = new HashMap<>();
        for (JsonNode vertex : get("/jobs/" + jobId).get("vertices")) {
            byName.put(vertex.get("name").asText(), vertex.get("id").asText());
        }
        return byName;
    }

    /** Values of the named metrics of one vertex ({@code ?get=a,b}); metrics not reported yet are absent. */
    Map<String, String> vertexMetrics(String jobId, String vertexId, Iterable<String> names)
            throws IOException, InterruptedException {
        String query = String.join(",", names);
        Map<String, String> values = new HashMap<>();
        for (JsonNode metric : get("/jobs/" + jobId + "/vertices/" + vertexId + "/metrics?get=" + query)) {
            values.put(metric.get("id").asText(), metric.get("value").asText());
        }
        return values;
    }

    /**
     * The job's failures so far (each one restarted the job), each as its exception's name and its root cause: the
     * last "Caused by" of the stack trace, or its first line if it has none. A failure in a timer reaches the job
     * wrapped in an {@code AsynchronousException} whose own message names only the timer.
     */
    java.util.List<String> failures(String jobId) throws IOException, InterruptedException {
        java.util.List<String> messages = new java.util.ArrayList<>();
        get("/jobs/" + jobId + "/exceptions").get("exceptionHistory").get("entries").forEach(e -> {
            String trace = e.path("stacktrace").asText();
            String root = trace.lines().filter(line -> line.startsWith(CAUSED_BY)).reduce((first, last) -> last)
                    .map(line -> line.substring(CAUSED_BY.length()))
                    .orElseGet(() -> trace.lines().findFirst().orElse(""));
            messages.add(e.get("exceptionName").asText() + ": " + root);
        });
        return messages;
    }
}
