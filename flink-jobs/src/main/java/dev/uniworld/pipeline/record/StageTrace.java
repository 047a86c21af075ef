package dev.uniworld.pipeline.record;

/**
 * One stage a request went through: where it ran and how long it waited and computed.
 *
 * @param stage         vlm, siglip, fusion, dit or decode
 * @param device        the device that ran it, e.g. {@code cpu()} or {@code gpu(1)}
 * @param queueMillis   time between arriving at the stage and its batch starting
 * @param computeMillis wall time of the batch that held it
 * @param batchSize     requests in that batch
 */
public record StageTrace(String stage, String device, long queueMillis, long computeMillis, int batchSize) {
}
