package dev.uniworld.pipeline.stage;

import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.InFlightTypeInfo;
import org.apache.flink.util.OutputTag;

/** The side outputs between stages; the main output of each stage feeds the next stage in line. */
public final class Routes {

    /** Requests that failed in a stage; they skip the remaining stages and become FAILED results. */
    public static final OutputTag<InFlight> FAILED = new OutputTag<>("failed", InFlightTypeInfo.INSTANCE);
    /** Understanding requests the VLM answered in text; they leave the pipeline after the VLM. */
    public static final OutputTag<InFlight> ANSWERED = new OutputTag<>("answered", InFlightTypeInfo.INSTANCE);
    /** Text-to-image requests: no image to encode, so they go from the VLM straight to fusion, skipping SigLIP. */
    public static final OutputTag<InFlight> TEXT_TO_IMAGE = new OutputTag<>("text-to-image", InFlightTypeInfo.INSTANCE);

    private Routes() {
    }
}
