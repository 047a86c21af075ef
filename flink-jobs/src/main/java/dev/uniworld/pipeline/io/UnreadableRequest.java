package dev.uniworld.pipeline.io;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of the accepted topic whose value cannot be read as a request. It still answers: admission turns it into a
 * FAILED result and a rejection with reason {@code UNDESERIALIZABLE}, under the record's key (the gateway keys every
 * request by its id), so that its sender is not left waiting.
 *
 * @param requestId   the record's key, or {@code <topic>-<partition>@<offset>} for a record without one
 * @param coordinates where the record lies: {@code <topic>-<partition>@<offset>}
 * @param problem     why it cannot be read (the codec's reason and message)
 */
public record UnreadableRequest(String requestId, String coordinates, String problem) {

    static UnreadableRequest of(ConsumerRecord<byte[], byte[]> record, String problem) {
        String coordinates = record.topic() + "-" + record.partition() + "@" + record.offset();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new UnreadableRequest(key == null || key.isBlank() ? coordinates : key, coordinates, problem);
    }
}
