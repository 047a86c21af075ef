package dev.uniworld.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages for the problems a person can act on; none of them prints a stack trace. */
class CliTest {

    private static final String NO_BROKER = "--bootstrap-servers=127.0.0.1:1";
    private static final String QUICK = "--connect-timeout=PT2S";

    @TempDir
    Path tmp;

    private static void assertNoStackTrace(CliRun run) {
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void aMissingImageFileIsNamed() {
        CliRun run = CliRun.of("submit", "--task", "EDIT", "-p", "make it blue", "-i", "no/such.png", NO_BROKER, QUICK);
        assertEquals(ExitCodes.FILE_NOT_FOUND, run.exitCode());
        assertTrue(run.err().contains("no/such.png"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void aFileThatIsNotAnImageIsReported() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.png"), "hello");
        CliRun run = CliRun.of("submit", "--task", "EDIT", "-p", "x", "-i", text.toString(), NO_BROKER, QUICK);
        assertEquals(ExitCodes.UNREADABLE_IMAGE, run.exitCode());
        assertTrue(run.err().contains("not a PNG or JPEG"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void anUnreachableBrokerIsReportedWithTheAddressTried() {
        CliRun run = CliRun.of("submit", "--task", "GENERATE", "-p", "a red circle", NO_BROKER, QUICK);
        assertEquals(ExitCodes.BROKER_UNREACHABLE, run.exitCode());
        assertTrue(run.err().contains("127.0.0.1:1"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.of("submit", "--task", "GENERATE", "-p", "a red circle", NO_BROKER, QUICK, "--verbose");
        assertEquals(ExitCodes.BROKER_UNREACHABLE, run.exitCode());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void aMissingBatchFolderIsNamed() {
        CliRun run = CliRun.of("batch", tmp.resolve("absent").toString(), "-p", "x", NO_BROKER, QUICK);
        assertEquals(ExitCodes.FILE_NOT_FOUND, run.exitCode());
        assertTrue(run.err().contains("absent"), run.err());
    }

    @Test
    void aFolderWithoutImagesIsReported() {
        CliRun run = CliRun.of("batch", tmp.toString(), "-p", "x", NO_BROKER, QUICK);
        assertEquals(ExitCodes.FILE_NOT_FOUND, run.exitCode());
        assertTrue(run.err().contains("no .png"), run.err());
    }

    @Test
    void batchNeedsExactlyOneKindOfInstruction() {
        assertEquals(ExitCodes.USAGE, CliRun.of("batch", tmp.toString()).exitCode());
    }

    @Test
    void anUnreachableStatusEndpointIsReported() {
        CliRun run = CliRun.of("status", "some-id", "--status-url=http://127.0.0.1:1");
        assertEquals(ExitCodes.STATUS_UNREACHABLE, run.exitCode());
        assertTrue(run.err().contains("http://127.0.0.1:1"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void anEndpointThatFailsIsReportedWithItsAnswerNotAsAnUnknownId() throws Exception {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"the lookup failed\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            CliRun run = CliRun.of("status", "some-id", "--status-url=http://127.0.0.1:" + failing.getAddress()
                    .getPort());
            assertEquals(ExitCodes.STATUS_UNREACHABLE, run.exitCode());
            assertTrue(run.err().contains("answered HTTP 500: {\"error\":\"the lookup failed\"}"), run.err());
            assertNoStackTrace(run);
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void aBootstrapServerWithoutItsPortIsAUsageError() {
        CliRun run = CliRun.of("results", "--bootstrap-servers=localhost");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Kafka client configuration: ") && run.err().contains("localhost"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void aPortOrTimeoutOutOfRangeIsAUsageError() {
        CliRun port = CliRun.of("gateway", "--status-port", "70000");
        assertEquals(ExitCodes.USAGE, port.exitCode(), port.err());
        assertTrue(port.err().contains("--status-port must lie in 0..65535, was 70000"), port.err());
        CliRun timeout = CliRun.of("results", "--connect-timeout", "PT0S");
        assertEquals(ExitCodes.USAGE, timeout.exitCode(), timeout.err());
        assertTrue(timeout.err().contains("--connect-timeout must be positive"), timeout.err());
    }

    @Test
    void aStatusUrlWithoutHttpIsAUsageError() {
        CliRun run = CliRun.of("status", "some-id", "--status-url=localhost:8082");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("--status-url localhost:8082 is not a valid http:// or https:// URL"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void connectionSettingsComeFromDefaultsFileEnvironmentAndFlagsInThatOrder() throws Exception {
        Path file = Files.writeString(tmp.resolve("client.properties"),
                "bootstrap.servers=file:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        ConnectionOptions options = new ConnectionOptions();
        assertEquals("127.0.0.1:9092", options.clientConfig().get("bootstrap.servers"));
        options.configFile = file;
        assertEquals("file:9092", options.clientConfig().get("bootstrap.servers"));
        assertEquals("SASL_SSL", options.clientConfig().get("security.protocol"));
        options.environment = Map.of("UNIWORLD_BOOTSTRAP_SERVERS", "env:9092")::get;
        assertEquals("env:9092", options.clientConfig().get("bootstrap.servers"));
        options.bootstrapServers = "flag:9092";
        assertEquals("flag:9092", options.clientConfig().get("bootstrap.servers"));
        assertEquals("PLAIN", options.clientConfig().get("sasl.mechanism"), "security settings pass through");
    }

    @Test
    void instructionListsInCsvAndJsonLines() throws Exception {
        Path csv = Files.writeString(tmp.resolve("list.csv"),
                "file,prompt\na.png,make it blue\nb.png,\"say \"\"hi\"\"\"\n");
        Path jsonl = Files.writeString(tmp.resolve("list.jsonl"), "{\"file\": \"c.png\", \"prompt\": \"remove it\"}\n");
        assertEquals(List.of(new BatchInputs.Item(tmp.resolve("a.png"), "make it blue"),
                new BatchInputs.Item(tmp.resolve("b.png"), "say \"hi\"")), BatchInputs.fromList(tmp, csv));
        assertEquals(List.of(new BatchInputs.Item(tmp.resolve("c.png"), "remove it")),
                BatchInputs.fromList(tmp, jsonl));
    }

    @Test
    void aMalformedJsonLineIsNamedByItsLineInTheFile() throws Exception {
        Path jsonl = Files.writeString(tmp.resolve("list.jsonl"),
                "{\"file\": \"c.png\", \"prompt\": \"remove it\"}\n{\"file\": \"d.png\",\n");
        CliException e = assertThrows(CliException.class, () -> BatchInputs.fromList(tmp, jsonl));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(jsonl + " line 2: not valid JSON ("), e.getMessage());
    }

    @Test
    void aBatchWhoseOutputIsAFileStopsBeforeSendingAnything() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("in"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", folder.resolve("a.png").toFile());
        Path file = Files.writeString(tmp.resolve("out.txt"), "");
        CliRun run = CliRun.of("batch", folder.toString(), "--prompt", "make it blue", "-o", file.toString(),
                "--bootstrap-servers=127.0.0.1:1");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--out " + file + " is a file, not a folder"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void progressBarShowsCountsRateAndTimeLeft() {
        ProgressBar bar = new ProgressBar(new java.io.PrintWriter(java.io.Writer.nullWriter()), 10);
        String line = bar.line(4, 1, 2_000_000_000L);
        assertTrue(line.contains("5/10 done, 1 failed, 2.50 req/s, ETA 2s"), line);
        assertTrue(line.startsWith("[###############..............."), line);
    }
}
