package dev.uniworld.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Path csv = Files.writeString(tmp.resolve("list.csv"), "file,prompt\na.png,make it blue\nb.png,\"say \"\"hi\"\"\"\n");
        Path jsonl = Files.writeString(tmp.resolve("list.jsonl"), "{\"file\": \"c.png\", \"prompt\": \"remove it\"}\n");
        assertEquals(List.of(new BatchInputs.Item(tmp.resolve("a.png"), "make it blue"),
                new BatchInputs.Item(tmp.resolve("b.png"), "say \"hi\"")), BatchInputs.fromList(tmp, csv));
        assertEquals(List.of(new BatchInputs.Item(tmp.resolve("c.png"), "remove it")), BatchInputs.fromList(tmp, jsonl));
    }

    @Test
    void progressBarShowsCountsRateAndTimeLeft() {
        ProgressBar bar = new ProgressBar(new java.io.PrintWriter(java.io.Writer.nullWriter()), 10);
        String line = bar.line(4, 1, 2_000_000_000L);
        assertTrue(line.contains("5/10 done, 1 failed, 2.50 req/s, ETA 2s"), line);
        assertTrue(line.startsWith("[###############..............."), line);
    }
}
