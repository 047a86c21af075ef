package dev.uniworld.gateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /requests/{id}} and {@code GET /batches/{id}} as JSON, answered from the gateway's state stores by
 * {@link StoreLookup}: locally when this instance owns the key, by forwarding to the owner otherwise. 404 for
 * unknown ids, 503 while stores are being (re)assigned.
 */
public final class StatusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    static final String FORWARDED = "X-Uniworld-Forwarded";
    /** Response header naming the instance whose store answered (useful when a request was forwarded). */
    public static final String SERVED_BY = "X-Uniworld-Served-By";

    private final HttpServer server;
    /** Threads answering lookups: a lookup forwarded to the owning instance can hold one for up to its timeout. */
    private static final int THREADS = 8;

    private final ExecutorService executor;
    private final HttpClient forwarder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile StoreLookup lookup;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds the port now (0 picks one) so the address can be advertised before the stores exist. */
    public static StatusServer bind(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 50);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "gateway-status-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        StatusServer status = new StatusServer(server, executor);
        server.createContext("/", status::handle);
        return status;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Starts answering with the given lookup. */
    public void start(StoreLookup storeLookup) {
        this.lookup = storeLookup;
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            StoreLookup.Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                // an answer, not a dropped connection, which a client would take for a gateway that is down
                LOG.error("Status lookup {} failed", exchange.getRequestURI(), e);
                answer = StoreLookup.Answer.error(500, "the lookup failed: " + e);
            }
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.servedBy() != null) {
                exchange.getResponseHeaders().set(SERVED_BY, answer.servedBy());
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private StoreLookup.Answer answer(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return StoreLookup.Answer.error(405, "only GET is supported");
        }
        // split before decoding, so that an id holding "/" (sent as %2F) stays one segment
        String[] parts = exchange.getRequestURI().getRawPath().split("/");
        if (parts.length != 3 || !(parts[1].equals("requests") || parts[1].equals("batches"))) {
            return StoreLookup.Answer.error(404, "unknown path; use /requests/{id} or /batches/{id}");
        }
        // a path segment, not a form: "+" stands for itself (the request line's URI is valid, so are its escapes)
        String id = java.net.URLDecoder.decode(parts[2].replace("+", "%2B"), StandardCharsets.UTF_8);
        boolean forwarded = exchange.getRequestHeaders().containsKey(FORWARDED);
        StoreLookup.Answer answer = parts[1].equals("requests") ? lookup.request(id) : lookup.batch(id);
        if (answer.ownerUrl() == null) {
            return answer;
        }
        if (forwarded) {
            return StoreLookup.Answer.error(503, "ownership of '" + id + "' is moving; retry shortly");
        }
        return forward(answer.ownerUrl() + exchange.getRequestURI().getRawPath());
    }

    private StoreLookup.Answer forward(String url) {
        try {
            HttpResponse<String> response = forwarder.send(HttpRequest.newBuilder(URI.create(url))
                    .header(FORWARDED, "1").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new StoreLookup.Answer(response.statusCode(), response.body(), null,
                    response.headers().firstValue(SERVED_BY).orElse(null));
        } catch (IOException | IllegalArgumentException e) { // unreachable, or an address that is no address
            LOG.warn("Could not reach the owning instance at {}: {}", url, e.getMessage());
            return StoreLookup.Answer.error(503, "the instance owning this id is unreachable; retry shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StoreLookup.Answer.error(503, "interrupted");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
