package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.events.Task;
import org.junit.jupiter.api.Test;

/** One test per reason code the gateway's validation produces, each breaking one field of a valid request. */
class ValidationRulesTest extends GatewayTopologyTest {

    /** Submits the request and returns its single rejection, checking nothing was accepted. */
    private RequestRejected rejectionOf(GenerationRequest request, ReasonCode expected, String field) {
        gateway.submit(request);
        assertTrue(gateway.accepted.isEmpty(), "must not be accepted");
        RequestRejected rejected = gateway.rejected.readValue();
        assertEquals(expected, rejected.getReason(), rejected.getMessage());
        assertEquals(field, rejected.getField());
        assertTrue(rejected.getMessage().startsWith(field), "message names the field: " + rejected.getMessage());
        assertEquals("uniworld.requests", rejected.getTopic());
        assertTrue(rejected.getOffset() >= 0 && rejected.getPayloadSize() > 0, "replay coordinates");
        return rejected;
    }

    @Test
    void aValidRequestIsAccepted() {
        GenerationRequest request = TestRequests.edit("ok-1").build();
        gateway.submit(request);
        assertEquals(request, gateway.accepted.readValue());
        assertTrue(gateway.rejected.isEmpty());
    }

    @Test
    void keyMismatch() {
        gateway.requests.pipeInput("another-key", TestRequests.edit("km-1").build(), TestRequests.NOW);
        RequestRejected rejected = gateway.rejected.readValue();
        assertEquals(ReasonCode.KEY_MISMATCH, rejected.getReason());
        assertEquals("key", rejected.getField());
    }

    @Test
    void unknownTask() {
        rejectionOf(TestRequests.edit("ut-1").setTask(Task.UNKNOWN).build(), ReasonCode.UNKNOWN_TASK, "task");
    }

    @Test
    void missingPrompt() {
        rejectionOf(TestRequests.edit("mp-1").setPrompt("   ").build(), ReasonCode.MISSING_PROMPT, "prompt");
    }

    @Test
    void promptTooLong() {
        rejectionOf(TestRequests.edit("pl-1").setPrompt("x".repeat(2001)).build(), ReasonCode.PROMPT_TOO_LONG,
                "prompt");
    }

    @Test
    void missingImage() {
        rejectionOf(TestRequests.edit("mi-1").setImages(List.of()).build(), ReasonCode.MISSING_IMAGE, "images");
    }

    @Test
    void imageTooLarge() {
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        rejectionOf(TestRequests.edit("itl-1").setImages(List.of(TestRequests.inline(huge))).build(),
                ReasonCode.IMAGE_TOO_LARGE, "images[0].inline");
    }

    @Test
    void imageUndecodable() {
        rejectionOf(TestRequests.edit("iu-1").setImages(List.of(TestRequests.inline("not an image".getBytes())))
                .build(), ReasonCode.IMAGE_UNDECODABLE, "images[0].inline");
    }

    @Test
    void imageDimensionsAreReadFromTheHeaderWithoutDecoding() {
        // A header stating 50000x50000 over 8x8 pixels: decoding would need ~10 GB or fail on the pixel data, so only
        // a check of the header gives this reason.
        ImageRef huge = TestRequests.inline(TestRequests.pngStating(50_000, 50_000));
        rejectionOf(TestRequests.edit("id-1").setImages(List.of(huge)).build(), ReasonCode.IMAGE_DIMENSIONS,
                "images[0].inline");
    }

    @Test
    void statedDimensionsMustMatchTheHeader() {
        ImageRef lying = TestRequests.inline(TestRequests.png(64, 64));
        lying.setWidth(128);
        rejectionOf(TestRequests.edit("id-2").setImages(List.of(lying)).build(), ReasonCode.IMAGE_DIMENSIONS,
                "images[0].width");
    }

    @Test
    void checksumMismatch() {
        ImageRef ref = TestRequests.inline(TestRequests.png(64, 64));
        ref.setSha256("00".repeat(32));
        rejectionOf(TestRequests.edit("cs-1").setImages(List.of(ref)).build(), ReasonCode.IMAGE_CHECKSUM_MISMATCH,
                "images[0].sha256");
    }

    @Test
    void aBatchSizeIsPositiveAndBelongsToABatch() {
        rejectionOf(TestRequests.generate("bs-1").setBatchId("b").setBatchSize(0).build(),
                ReasonCode.PARAMETER_OUT_OF_RANGE, "batchSize");
        rejectionOf(TestRequests.generate("bs-2").setBatchSize(3).build(), ReasonCode.PARAMETER_OUT_OF_RANGE,
                "batchSize");
        rejectionOf(TestRequests.generate("bs-3").setBatchId("b").build(), ReasonCode.PARAMETER_OUT_OF_RANGE,
                "batchId");
    }

    @Test
    void uriSchemeNotAllowed() {
        rejectionOf(TestRequests.edit("us-1").setImages(List.of(uri("ftp://images.example.com/a.png"))).build(),
                ReasonCode.URI_NOT_ALLOWED, "images[0].uri");
    }

    @Test
    void uriTraversalIsRefused() {
        rejectionOf(TestRequests.edit("ut-2").setImages(List.of(uri("file:///data/images/../../etc/passwd"))).build(),
                ReasonCode.URI_NOT_ALLOWED, "images[0].uri");
        rejectionOf(TestRequests.edit("ut-3").setImages(List.of(uri("file:///data/images/%2e%2e/secret.png"))).build(),
                ReasonCode.URI_NOT_ALLOWED, "images[0].uri");
    }

    @Test
    void aFileUriMustNameAFile() {
        for (String noFile : new String[] {"file:///data/images/a.png?x", "file:///data/images/a.png#f",
                "file:///data/images/a%00.png", "file://host/data/images/a.png"}) {
            RequestRejected rejected = rejectionOf(TestRequests.edit("uf-1").setImages(List.of(uri(noFile))).build(),
                    ReasonCode.URI_NOT_ALLOWED, "images[0].uri");
            assertTrue(rejected.getMessage().contains("names no file"), rejected.getMessage());
        }
    }

    @Test
    void uriOutsideTheAllowedRoots() {
        rejectionOf(TestRequests.edit("ur-1").setImages(List.of(uri("file:///home/user/a.png"))).build(),
                ReasonCode.URI_NOT_ALLOWED, "images[0].uri");
    }

    @Test
    void uriUnderAnAllowedRootIsAccepted() {
        gateway.submit(TestRequests.edit("ur-2").setImages(List.of(uri("https://images.example.com/cats/1.png")))
                .build());
        assertEquals("ur-2", gateway.accepted.readValue().getRequestId());
    }

    @Test
    void parametersOutOfRange() {
        rejectionOf(TestRequests.generate("p-1").setParameters(params().setSteps(0).build()).build(),
                ReasonCode.PARAMETER_OUT_OF_RANGE, "parameters.steps");
        rejectionOf(TestRequests.generate("p-2").setParameters(params().setGuidance(Float.NaN).build()).build(),
                ReasonCode.PARAMETER_OUT_OF_RANGE, "parameters.guidance");
        rejectionOf(TestRequests.generate("p-3").setParameters(params().setWidth(100).build()).build(),
                ReasonCode.PARAMETER_OUT_OF_RANGE, "parameters.width");
        rejectionOf(TestRequests.generate("p-4").setParameters(params().setSeed(-5L).build()).build(),
                ReasonCode.PARAMETER_OUT_OF_RANGE, "parameters.seed");
        rejectionOf(TestRequests.generate("p-5").setParameters(params().setMaxAnswerTokens(0).build()).build(),
                ReasonCode.PARAMETER_OUT_OF_RANGE, "parameters.maxAnswerTokens");
    }

    @Test
    void deadlineExpired() {
        rejectionOf(TestRequests.generate("d-1").setDeadline(TestRequests.NOW.minusSeconds(1)).build(),
                ReasonCode.DEADLINE_EXPIRED, "deadline");
    }

    @Test
    void theDeadlineIsJudgedByTheGatewaysClockNotTheRecordsTimestamp() {
        // written (record timestamp NOW) before its deadline, read by the gateway a minute after it
        gateway.driver.advanceWallClockTime(java.time.Duration.ofSeconds(70));
        rejectionOf(TestRequests.generate("d-2").setDeadline(TestRequests.NOW.plusSeconds(10)).build(),
                ReasonCode.DEADLINE_EXPIRED, "deadline");
    }

    @Test
    void undeserializableBytesAreSkippedAndTheGatewayKeepsGoing() {
        // The dead-letter record itself is checked in UndeserializableRequestHandlerTest and, end to end, in
        // GatewayIT: TopologyTestDriver does not write the records a deserialization handler returns.
        gateway.rawRequests.pipeInput("json-1", "{\"requestId\": \"json\"}".getBytes(), TestRequests.NOW);
        assertTrue(gateway.accepted.isEmpty());
        gateway.submit(TestRequests.generate("after-garbage").build());
        assertEquals("after-garbage", gateway.accepted.readValue().getRequestId());
    }

    private static GenerationParameters.Builder params() {
        return GenerationParameters.newBuilder();
    }

    private static ImageRef uri(String uri) {
        return ImageRef.newBuilder().setUri(uri).setInline((ByteBuffer) null).build();
    }
}
