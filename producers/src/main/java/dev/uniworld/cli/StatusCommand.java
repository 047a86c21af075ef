package dev.uniworld.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code uniworld status <id>}: the gateway's view of a request or a batch. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the status of a request or batch, as JSON from the gateway.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A request id or a batch id.")
    String id;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // a path segment: URLEncoder writes a form, whose "+" for a space a path would read as "+"
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        for (String kind : new String[] {"requests", "batches"}) {
            HttpResponse<String> response = get(http, connection.statusUrl() + "/" + kind + "/" + encoded);
            if (response.statusCode() == 200) {
                spec.commandLine().getOut().println(response.body());
                return ExitCodes.OK;
            }
            if (response.statusCode() == 503) {
                throw new CliException(ExitCodes.STATUS_UNREACHABLE, "the gateway is busy: " + response.body());
            }
            if (response.statusCode() != 404) {
                throw new CliException(ExitCodes.STATUS_UNREACHABLE, "the gateway status endpoint at "
                        + connection.statusUrl() + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
        }
        throw new CliException(ExitCodes.NOT_FOUND, "no request or batch with id '" + id + "'");
    }

    private HttpResponse<String> get(HttpClient http, String url) {
        HttpRequest request;
        try {
            // URI.create refuses a malformed URL; the request builder one without an http or https scheme
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--status-url " + connection.statusUrl() + " is not a valid "
                    + "http:// or https:// URL (" + e.getMessage() + ")");
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException(ExitCodes.STATUS_UNREACHABLE, "cannot reach the gateway status endpoint at "
                    + connection.statusUrl() + " (" + e.getClass().getSimpleName() + "); is the gateway running?"
                    + " Pass --status-url to use another", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.INTERNAL_ERROR, "interrupted", e);
        }
    }
}
