package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.gateway.state.RequestStatusView;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * What the gateway writes for a request stays within its topic's record limit whatever the request holds: a write that
 * fails for its size fails on every retry, and would stop the partition behind it.
 */
class BoundedOutputsTest extends GatewayTopologyTest {

    @Test
    void anIdTooLongToBeAnIdIsRejectedButNotCopiedOrTracked() {
        String id = "x".repeat(300);
        gateway.submit(TestRequests.generate(id).setBatchId("long").setBatchSize(1).build());
        TestRecord<String, RequestRejected> rejection = gateway.rejected.readRecord();
        assertEquals(ReasonCode.PARAMETER_OUT_OF_RANGE, rejection.value().getReason());
        assertEquals("requestId", rejection.value().getField());
        assertNull(rejection.value().getRequestId());
        assertNull(rejection.key());
        assertNull(statuses().get(id));
        assertTrue(gateway.batches.isEmpty(), "no id to count the request by");
    }

    @Test
    void aKeyTooLongIsAbbreviatedInTheMessageAndLeftOutOfTheRejectionsKey() {
        gateway.requests.pipeInput("k".repeat(1 << 20), TestRequests.generate("km-1").build(), TestRequests.NOW);
        TestRecord<String, RequestRejected> rejection = gateway.rejected.readRecord();
        assertEquals(ReasonCode.KEY_MISMATCH, rejection.value().getReason());
        assertTrue(rejection.value().getMessage().length() < 500, rejection.value().getMessage().length() + " chars");
        assertTrue(rejection.value().getMessage().contains("(1048576 characters)"), rejection.value().getMessage());
        assertNull(rejection.key());
        assertEquals("km-1", rejection.value().getRequestId());
    }

    @Test
    void aBatchIdTooLongIsRejectedAndCountsNoBatch() {
        gateway.submit(TestRequests.generate("bl-1").setBatchId("b".repeat(201)).setBatchSize(1).build());
        RequestRejected rejection = gateway.rejected.readValue();
        assertEquals(ReasonCode.PARAMETER_OUT_OF_RANGE, rejection.getReason());
        assertEquals("batchId", rejection.getField());
        assertEquals("REJECTED", statuses().get("bl-1").state());
        assertNull(statuses().get("bl-1").batchId());
        assertTrue(gateway.batches.isEmpty());
    }

    @Test
    void headersStayWithTheAcceptedRequestAndLeaveRejectionsAndTracking() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[600 * 1024]);
        GenerationRequest bad = TestRequests.generate("h-1").setPrompt("").setBatchId("h").setBatchSize(2).build();
        gateway.requests.pipeInput(new TestRecord<>("h-1", bad, headers, TestRequests.NOW));
        assertFalse(gateway.rejected.readRecord().headers().iterator().hasNext(), "the rejection has no headers");
        // the tracking event on its way to the status store, through a repartition topic limited to 1 MiB
        TestOutputTopic<String, String> byRequest = gateway.driver.createOutputTopic(
                GatewayConfig.DEFAULT_APPLICATION_ID + "-by-request-repartition", new StringDeserializer(),
                new StringDeserializer());
        TestRecord<String, String> tracking = byRequest.readRecord();
        assertTrue(tracking.value().contains("\"REJECTED\""), tracking.value());
        assertFalse(tracking.headers().iterator().hasNext(), "the tracking event has no headers");

        GenerationRequest good = TestRequests.generate("h-2").setBatchId("h").setBatchSize(2).build();
        gateway.requests.pipeInput(new TestRecord<>("h-2", good, headers, TestRequests.NOW));
        assertEquals(600 * 1024, gateway.accepted.readRecord().headers().lastHeader("trace").value().length);
    }

    @Test
    void aRequestLargerThanTheAcceptedTopicTakesIsRejectedNamingWhatMakesItLarge() {
        // a producer that compresses can put it on the requests topic; the accepted topic would refuse it every time
        byte[] image = Arrays.copyOf(TestRequests.png(8, 8), 3 * 1024 * 1024); // a PNG header, then padding
        ImageRef ref = ImageRef.newBuilder().setInline(ByteBuffer.wrap(image)).setMediaType("image/png").build();
        gateway.submit(TestRequests.edit("big-1").setImages(List.of(ref, ref, ref)).build());
        RequestRejected rejection = gateway.rejected.readValue();
        assertEquals(ReasonCode.IMAGE_TOO_LARGE, rejection.getReason());
        assertEquals("images", rejection.getField());
        assertTrue(rejection.getMessage().contains("send large images by uri"), rejection.getMessage());

        RecordHeaders headers = new RecordHeaders();
        headers.add("padding", new byte[ValidationProcessor.MAX_ACCEPTED_RECORD_BYTES]);
        gateway.requests.pipeInput(new TestRecord<>("big-2", TestRequests.generate("big-2").build(), headers,
                TestRequests.NOW));
        rejection = gateway.rejected.readValue();
        assertEquals(ReasonCode.PARAMETER_OUT_OF_RANGE, rejection.getReason());
        assertEquals("headers", rejection.getField());
        assertTrue(gateway.accepted.isEmpty());
    }

    private KeyValueStore<String, RequestStatusView> statuses() {
        return gateway.driver.getKeyValueStore(RequestStatusProcessor.STORE);
    }
}
