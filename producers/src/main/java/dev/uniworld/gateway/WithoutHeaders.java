package dev.uniworld.gateway;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Forwards each record without the headers it came with. Kafka Streams copies a request's headers onto everything
 * derived from it; a rejection or a tracking event must not carry a producer's megabytes of headers into a topic whose
 * records are limited to 1 MiB, where the write would fail on every retry and stop the partition.
 */
final class WithoutHeaders<V> implements FixedKeyProcessor<String, V, V> {

    private FixedKeyProcessorContext<String, V> context;

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        context.forward(record.withHeaders(new RecordHeaders()));
    }
}
